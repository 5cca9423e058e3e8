/**
 * `npm run bench [name…]`: runs bench/<name>.bench.ts modules (all by default) and prints
 * their figures; results also go to bench/results/latest.json (git-ignored).
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const dir = path.join(process.cwd(), "bench");
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

async function main() {
const results: Record<string, Record<string, number> | { error: string }> = {};
for (const file of files) {
  const name = file.replace(".bench.ts", "");
  process.stdout.write(`\n## ${name}\n`);
  try {
    const mod = (await import(path.join(dir, file))) as { run: () => Promise<Record<string, number>> };
    const figures = await mod.run();
    results[name] = figures;
    for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(48)} ${v}`);
  } catch (e) {
    results[name] = { error: String(e) };
    console.log(`failed: ${String(e)}`);
    process.exitCode = 1; // a broken benchmark must not look like a finished run
  }
}
mkdirSync(path.join(dir, "results"), { recursive: true });
writeFileSync(path.join(dir, "results", "latest.json"), JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
}

void main();
