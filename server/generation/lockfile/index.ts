import { npmDepsKey, parseNpmDependencies, type NpmDependencies } from "../../test-runs/prepare/npm-deps";
import { contentHash, sortFiles } from "../content-hash";
import type { ProjectFiles } from "../types";
import type { LockfileCache } from "./cache";

/**
 * package-lock.json for every generated TypeScript project, so its Docker build, Lambda
 * package script and CI install with `npm ci` exactly what was resolved here. The lockfile is
 * resolved once per dependency set (npm, see npm-resolve.ts) and then always taken from the
 * cache, so the same dependencies give the same lockfile and no second registry call; the
 * project's own name is written into it after. When it cannot be resolved (offline, registry
 * down) the project is returned without it and the outcome says why: the caller shows that as
 * a finding (QA) or a warning (CLI), never silently.
 */

export const LOCKFILE = "package-lock.json";

export type LockfileOutcome = {
  /** resolved: npm resolved it now; cached: taken from the cache; failed: the project has none. */
  status: "resolved" | "cached" | "failed";
  ms: number;
  /** Why it failed, as npm or the dependency check said. */
  reason?: string;
};

export type LockfileSource = {
  cache: LockfileCache;
  resolve(deps: NpmDependencies): Promise<string>;
};

export type LockedProject = { files: ProjectFiles; contentHash: string; lockfile?: LockfileOutcome };

const asText = (c: string | Uint8Array) => (typeof c === "string" ? c : new TextDecoder().decode(c));

type PackageJson = { name?: string; version?: string };

/** The cached (neutral) lockfile with the project's own name and version at the two places npm records them. */
function withProjectName(lockText: string, packageJson: string): string {
  const pkg = JSON.parse(packageJson) as PackageJson;
  const lock = JSON.parse(lockText) as PackageJson & { packages?: Record<string, PackageJson> };
  const root = { ...(pkg.name ? { name: pkg.name } : {}), ...(pkg.version ? { version: pkg.version } : {}) };
  return `${JSON.stringify({ ...lock, ...root, packages: { ...lock.packages, "": { ...lock.packages?.[""], ...root } } }, null, 2)}\n`;
}

/** The lockfile text for one package.json: from the cache, else resolved and cached. */
async function lockfileFor(packageJson: string, source: LockfileSource): Promise<{ text: string; cached: boolean }> {
  const deps = parseNpmDependencies(packageJson);
  const key = npmDepsKey(deps);
  const hit = await source.cache.get(key);
  if (hit !== null) return { text: withProjectName(hit, packageJson), cached: true };
  const resolved = await source.resolve(deps);
  await source.cache.put(key, resolved);
  return { text: withProjectName(resolved, packageJson), cached: false };
}

/** The project with its package-lock.json added (TypeScript projects), and the content hash over all its files. */
export async function addLockfile(files: ProjectFiles, source: LockfileSource): Promise<LockedProject> {
  const pkg = files.get("package.json");
  if (pkg === undefined || files.has(LOCKFILE)) return { files, contentHash: contentHash(files) };
  const t0 = performance.now();
  const ms = () => Math.round(performance.now() - t0);
  try {
    const { text, cached } = await lockfileFor(asText(pkg), source);
    const sorted = sortFiles(new Map(files).set(LOCKFILE, text));
    return { files: sorted, contentHash: contentHash(sorted), lockfile: { status: cached ? "cached" : "resolved", ms: ms() } };
  } catch (e) {
    return { files, contentHash: contentHash(files), lockfile: { status: "failed", ms: ms(), reason: e instanceof Error ? e.message : String(e) } };
  }
}

/** What a user does about a missing lockfile, with the reason it is missing when known. */
export function missingLockfileMessage(reason?: string): string {
  const why = reason ? `could not be resolved here (${reason})` : "is missing";
  return `package-lock.json ${why}: the Dockerfile, scripts/package-lambda.sh and CI install with \`npm ci\`, which fails without it. Run \`npm install --package-lock-only --ignore-scripts\` in the project (with access to the npm registry) and keep package-lock.json beside package.json.`;
}
