import { readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { INSTALL_WALL_MS } from "../test-runs/limits";
import { cachedDir, isCached } from "../test-runs/prepare/cache";
import { execCapped, tail } from "../test-runs/prepare/exec";
import { npmDepsKey, parseNpmDependencies } from "../test-runs/prepare/npm-deps";
import { basicTools } from "../test-runs/sandbox/host";
import { contentHash, sortFiles } from "./content-hash";
import type { ProjectFiles } from "./types";

/**
 * package-lock.json for a generated TypeScript project, so its Docker build installs with
 * `npm ci` exactly what was resolved (and tested) here. npm resolves it from the registry with
 * `--package-lock-only` (nothing is downloaded into the project, no install script runs); the
 * lockfile is cached by the dependency lists (the project's name is written into it after), so
 * the same dependencies always get the same lockfile on this machine. Only registry dependencies
 * are accepted (parseNpmDependencies).
 */

export const LOCKFILE = "package-lock.json";

const asText = (c: string | Uint8Array) => (typeof c === "string" ? c : new TextDecoder().decode(c));

type PackageJson = { name?: string; version?: string };
const LOCK_NAME = "agent";
const LOCK_VERSION = "0.0.0";

/** True when the lockfile for this package.json is already resolved (no registry call needed). */
export const lockfileCached = (packageJson: string, cacheRoot: string) => isCached(cacheRoot, "npm-lock", npmDepsKey(parseNpmDependencies(packageJson)));

/** The lockfile text for one package.json (resolved once per dependency list, then from the cache). */
export async function npmLockfile(packageJson: string, cacheRoot: string): Promise<string> {
  const deps = parseNpmDependencies(packageJson);
  const tools = basicTools();
  const entry = await cachedDir(cacheRoot, "npm-lock", npmDepsKey(deps), async (staging) => {
    writeFileSync(join(staging, "package.json"), JSON.stringify({ name: LOCK_NAME, version: LOCK_VERSION, private: true, ...deps }, null, 2));
    const r = await execCapped(join(tools.nodeDir, "npm"), ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund", "--no-update-notifier", "--loglevel=error"], {
      cwd: staging,
      env: { PATH: `${tools.nodeDir}:/usr/bin:/bin`, HOME: homedir(), npm_config_update_notifier: "false" },
      timeoutMs: INSTALL_WALL_MS,
    });
    if (r.code !== 0) throw new Error(r.timedOut ? `npm did not resolve the dependencies within ${INSTALL_WALL_MS / 1000} s` : `npm could not resolve the dependencies: ${tail(r.out)}`);
  });
  // The project's own name and version at the two places npm records them.
  const pkg = JSON.parse(packageJson) as PackageJson;
  const lock = JSON.parse(readFileSync(join(entry.dir, LOCKFILE), "utf8")) as PackageJson & { packages?: Record<string, PackageJson> };
  const root = { ...(pkg.name ? { name: pkg.name } : {}), ...(pkg.version ? { version: pkg.version } : {}) };
  return `${JSON.stringify({ ...lock, ...root, packages: { ...lock.packages, "": { ...lock.packages?.[""], ...root } } }, null, 2)}\n`;
}

/** The project with its package-lock.json added, and the content hash over all its files; Python projects unchanged. */
export async function withNpmLockfile(files: ProjectFiles, cacheRoot: string): Promise<{ files: ProjectFiles; contentHash: string }> {
  const pkg = files.get("package.json");
  if (pkg === undefined || files.has(LOCKFILE)) return { files, contentHash: contentHash(files) };
  const next = new Map(files);
  next.set(LOCKFILE, await npmLockfile(asText(pkg), cacheRoot));
  const sorted = sortFiles(next);
  return { files: sorted, contentHash: contentHash(sorted) };
}
