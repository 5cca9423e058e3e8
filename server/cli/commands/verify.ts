import { readdirSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { DomainError } from "../../errors";
import { requiredIamForSpec } from "../../generation/verify/required-iam";
import { verifyProject, type VerificationResult } from "../../generation/verify/verify-project";
import { env } from "../../env";
import { validateSpec } from "../../spec/agent-spec";
import type { IamStatement } from "../../registry/schema";
import { cliRegistry, EXIT, reportError, type CliIo } from "../io";
import { registryLookup } from "../../registry/load";

const USAGE = `Usage: agent-builder verify DIR [--json] [--skip-rehearsal]

Verifies a generated project: Python parses, TypeScript type-checks, CloudFormation/JSON/YAML
parse and match the published resource specification and carry the required resources and
IAM, the Dockerfile runs as non-root, CI passes every deploy variable, and no file holds a
secret. Then the deploy rehearsal boots a TypeScript project as its IaC runs it (against the
mock model, no AWS credentials) and calls it; Python rehearsals are reported as skipped here.
Exits 1 when any check fails, 2 when DIR is not an Agent Builder project.`;

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
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: "boolean", default: false }, "skip-rehearsal": { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } } });
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
    const notOurs = notAnAgentProject(files);
    if (notOurs) return io.err(`'${positionals[0]}' is not an Agent Builder project: ${notOurs}\n`), EXIT.usage;
    const rehearse = values["skip-rehearsal"] ? undefined : { cacheRoot: rehearsalCacheRoot() };
    const result = await verifyProject(files, { requiredIam: requiredIam(files, io), ...(rehearse ? { rehearse } : {}) });
    if (values.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
    else printResult(result, io);
    return result.ok ? EXIT.ok : EXIT.failed;
  } catch (e) {
    return reportError(io, e);
  }
}

const STATUS_LABEL = { passed: "ok  ", failed: "FAIL", "not-applicable": "n/a ", skipped: "skip" } as const;

function printResult(result: VerificationResult, io: CliIo): void {
  for (const r of result.ran) {
    const status = r.status ?? (result.checks.some((c) => c.check === r.check && c.severity === "error") ? "failed" : "passed");
    io.out(`${STATUS_LABEL[status]} ${r.check} (${r.check === "rehearsal" ? "" : `${r.files} files, `}${r.ms} ms)\n`);
  }
  const rehearsal = result.rehearsal;
  if (rehearsal?.how) io.out(`     rehearsal: ${rehearsal.how}\n`);
  for (const c of rehearsal?.checks ?? []) io.out(`     ${c.ok ? "ok  " : "FAIL"} ${c.name} (${c.ms} ms): ${c.detail.split("\n")[0]}\n`);
  for (const c of result.checks) io.out(`${c.severity}: ${c.file}${c.line ? `:${c.line}` : ""} [${c.check}] ${c.message}\n`);
  io.out(result.ok ? "verified: no failures\n" : "verification failed\n");
}

/** Why a directory is not one of ours (no parseable agent-spec.json), or null. */
function notAnAgentProject(files: Map<string, Uint8Array>): string | null {
  const raw = files.get("agent-spec.json");
  if (!raw) return "it has no agent-spec.json";
  try {
    const check = validateSpec(JSON.parse(Buffer.from(raw).toString("utf8")));
    return check.ok ? null : `its agent-spec.json is not a valid agent spec (${check.issues[0]!.path} ${check.issues[0]!.message})`;
  } catch {
    return "its agent-spec.json is not JSON";
  }
}

/** The test runs' dependency cache, so a rehearsal reuses what they installed. */
function rehearsalCacheRoot(): string {
  const e = env();
  return resolve((e.APP_RUNTIME === "local" ? e.TEST_RUN_CACHE_DIR : undefined) ?? join(homedir(), ".cache", "agent-builder", "runner"));
}
