import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { generateProject } from "../../generation/generate-project";
import { addLockfile, missingLockfileMessage } from "../../generation/lockfile";
import { dirLockfileCache, MACHINE_LOCKFILE_CACHE } from "../../generation/lockfile/cache";
import { resolveNpmLockfile } from "../../generation/lockfile/npm-resolve";
import { fileBytes } from "../../generation/content-hash";
import { cliRegistry, EXIT, readSpecFile, reportError, type CliIo } from "../io";
import { registryLookup } from "../../registry/load";

const USAGE = `Usage: agent-builder generate SPEC --out DIR [--json] [--no-lockfile]

Generates the agent project described by SPEC (JSON or YAML) into DIR and prints its
content hash and file list. The same spec always gives the same files and hash.
A TypeScript project also gets package-lock.json, which its Dockerfile, Lambda package
script and CI install with npm ci: npm resolves it from the registry once per dependency
set (cached in ${MACHINE_LOCKFILE_CACHE}). Offline, the project is written without it and a warning
says how to make it. --no-lockfile skips it.`;

export async function generateCommand(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: "string", short: "o" }, json: { type: "boolean", default: false }, lockfile: { type: "boolean", default: true }, "no-lockfile": { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) return io.out(`${USAGE}\n`), EXIT.ok;
  if (positionals.length !== 1 || !values.out) return io.err(`Expected SPEC and --out DIR.\n${USAGE}\n`), EXIT.usage;
  try {
    const registry = cliRegistry();
    const generated = generateProject(readSpecFile(positionals[0]!), registryLookup(registry));
    const locked = values["no-lockfile"] ? undefined : await addLockfile(generated.files, { cache: dirLockfileCache(MACHINE_LOCKFILE_CACHE), resolve: (deps) => resolveNpmLockfile(deps) });
    const project = { ...generated, ...locked };
    if (locked?.lockfile?.status === "failed") io.err(`warning: ${missingLockfileMessage(locked.lockfile.reason)}\n`);
    const outDir = resolve(values.out);
    const listed: Array<{ path: string; bytes: number }> = [];
    for (const [path, content] of project.files) {
      const target = join(outDir, path);
      const bytes = fileBytes(content);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, bytes);
      if (path.endsWith(".sh")) chmodSync(target, 0o755);
      listed.push({ path, bytes: bytes.byteLength });
    }
    if (values.json) {
      const { contentHash, templateVersion, notes } = project;
      io.out(`${JSON.stringify({ contentHash, templateVersion, outDir, files: listed, notes, ...(locked?.lockfile ? { lockfile: locked.lockfile } : {}) }, null, 2)}\n`);
    } else {
      io.out(`Generated ${listed.length} files in ${outDir}\ncontent hash: ${project.contentHash}\n`);
      io.out(listed.map((f) => `  ${f.path} (${f.bytes} bytes)`).join("\n") + "\n");
      for (const note of project.notes) io.out(`note: ${note}\n`);
    }
    return EXIT.ok;
  } catch (e) {
    return reportError(io, e);
  }
}
