import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { execCapped, tail } from "../../test-runs/prepare/exec";
import type { NpmDependencies } from "../../test-runs/prepare/npm-deps";

/**
 * Resolves package-lock.json for a dependency list with `npm install --package-lock-only
 * --ignore-scripts`: npm reads the registry's metadata, downloads no package and runs no
 * script, so it is safe on hostile dependency lists (parseNpmDependencies checked them).
 *
 * npm is our own pinned `npm` package (node_modules/npm, run with this Node), so a Lambda
 * worker (whose Node runtime has no npm) and every machine resolve with the same npm; the
 * npm beside the Node binary is the fallback when the package is absent.
 */

export type NpmResolveOptions = {
  /** Registry URL (default: npm's own configuration, normally registry.npmjs.org). */
  registry?: string;
  /** npm's fetch retries (npm's default 2, with backoff); tests of the offline path use 0. */
  fetchRetries?: number;
  timeoutMs?: number;
};

/** Why a lockfile could not be resolved, in words a user can act on. */
export class LockfileError extends Error {
  override name = "LockfileError";
}

const DEFAULT_TIMEOUT_MS = 180_000;
const LOCK_NAME = "agent";
const LOCK_VERSION = "0.0.0";

/** [command, ...leading args] that run npm. */
export function npmCommand(): string[] {
  for (const base of [__filename, join(process.cwd(), "package.json")]) {
    try {
      return [process.execPath, createRequire(base).resolve("npm/bin/npm-cli.js")];
    } catch {
      // not installed beside this file: try the next place
    }
  }
  const beside = join(dirname(process.execPath), "npm");
  if (existsSync(beside)) return [beside];
  throw new LockfileError("npm is not available to this process (neither the npm package in node_modules nor npm beside node)");
}

const NOISE = /^(\s+at |\s+\w+: |[{}]|syscall |errno |A complete log|If you are behind a proxy|$)/;

/** npm's error in a line or two ("code ECONNREFUSED; request to … failed, reason: …"), without its stack and hints. */
export function npmErrorSummary(out: string): string {
  const lines = out
    .split("\n")
    .filter((l) => l.startsWith("npm error"))
    .map((l) => l.replace(/^npm error ?/, "").replace(/^FetchError: /, ""))
    .filter((l) => !NOISE.test(l));
  return lines.slice(0, 3).join("; ") || tail(out, 3);
}

/** A writable home for npm's cache: the user's, else the temp directory (Lambda: only /tmp is writable). */
function npmHome(): string {
  try {
    accessSync(homedir(), constants.W_OK);
    return homedir();
  } catch {
    return tmpdir();
  }
}

/** The lockfile text for the dependency list, with a neutral project name (the caller writes the real one). */
export async function resolveNpmLockfile(deps: NpmDependencies, o: NpmResolveOptions = {}): Promise<string> {
  const [command, ...lead] = npmCommand();
  const work = mkdtempSync(join(tmpdir(), "npm-lock-"));
  try {
    writeFileSync(join(work, "package.json"), JSON.stringify({ name: LOCK_NAME, version: LOCK_VERSION, private: true, ...deps }, null, 2));
    const home = npmHome();
    const env: Record<string, string> = {
      PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
      HOME: home,
      npm_config_cache: join(home, ".npm"),
      npm_config_update_notifier: "false",
      ...(o.registry ? { npm_config_registry: o.registry } : {}),
      ...(o.fetchRetries !== undefined ? { npm_config_fetch_retries: String(o.fetchRetries) } : {}),
    };
    const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const args = [...lead, "install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"];
    const r = await execCapped(command!, args, { cwd: work, env, timeoutMs });
    if (r.code !== 0) {
      throw new LockfileError(r.timedOut ? `npm did not resolve the dependencies within ${timeoutMs / 1000} s` : `npm could not resolve the dependencies: ${npmErrorSummary(r.out) || `exit code ${r.code}`}`);
    }
    return readFileSync(join(work, "package-lock.json"), "utf8");
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
