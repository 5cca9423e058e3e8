import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { DomainError } from "../../errors";
import { requiredIamForSpec } from "../../generation/verify/required-iam";
import { verifyProject } from "../../generation/verify/verify-project";
import type { IamStatement } from "../../registry/schema";
import { cliRegistry, EXIT, reportError, type CliIo } from "../io";
import { registryLookup } from "../../registry/load";

const USAGE = `Usage: agent-builder verify DIR [--json]

Verifies a generated project without running it: Python parses, TypeScript type-checks,
CloudFormation/JSON/YAML parse and carry the required resources and IAM, the Dockerfile
runs as non-root, and no file holds a secret. Exits 1 when any check fails.`;

// Installed dependencies and build output are not part of the project.
const SKIP = new Set(["node_modules", ".git", "dist", "build", ".test-build", "__pycache__", ".venv", ".pytest_cache"]);
const MAX_FILE_BYTES = 5_000_000;

export function readProject(dir: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (SKIP.has(name)) continue;
      const path = join(d, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile() && stat.size <= MAX_FILE_BYTES) files.set(relative(dir, path).split(sep).join("/"), readFileSync(path));
    }
  };
  walk(dir);
  return files;
}

function requiredIam(files: Map<string, Uint8Array>, io: CliIo): IamStatement[] {
  const raw = files.get("agent-spec.json");
  if (!raw) return [];
  try {
    const registry = cliRegistry();
    const spec: unknown = JSON.parse(Buffer.from(raw).toString("utf8"));
    return requiredIamForSpec(spec, registryLookup(registry));
  } catch (e) {
    io.err(`warning: IAM requirements not checked: ${e instanceof Error ? e.message : String(e)}\n`);
    return [];
  }
}

export async function verifyCommand(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } } });
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) return io.out(`${USAGE}\n`), EXIT.ok;
  if (positionals.length !== 1) return io.err(`Expected one DIR.\n${USAGE}\n`), EXIT.usage;
  try {
    const dir = resolve(positionals[0]!);
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new DomainError("not_found", `Directory '${positionals[0]}' was not found`);
    const files = readProject(dir);
    const result = await verifyProject(files, { requiredIam: requiredIam(files, io) });
    if (values.json) {
      io.out(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      for (const r of result.ran) {
        const failed = result.checks.filter((c) => c.check === r.check && c.severity === "error").length;
        io.out(`${failed ? "FAIL" : "ok  "} ${r.check} (${r.files} files, ${r.ms} ms)\n`);
      }
      for (const c of result.checks) io.out(`${c.severity}: ${c.file}${c.line ? `:${c.line}` : ""} [${c.check}] ${c.message}\n`);
      io.out(result.ok ? "verified: no failures\n" : "verification failed\n");
    }
    return result.ok ? EXIT.ok : EXIT.failed;
  } catch (e) {
    return reportError(io, e);
  }
}
