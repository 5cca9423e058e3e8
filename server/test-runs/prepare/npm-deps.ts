import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { INSTALL_WALL_MS } from "../limits";
import { basicTools } from "../sandbox/host";
import { cachedDir, type CacheResult } from "./cache";
import { execCapped, tail } from "./exec";
import { PrepareError } from "./errors";

/**
 * A TypeScript agent's dependencies, installed once per distinct dependency list into
 * `<cache>/npm/<hash>/node_modules` and bind-mounted read-only into every run that needs them.
 *
 * The project's package.json is hostile input: only registry packages with semver ranges are
 * accepted (no file:, link:, git, URL, alias or workspace specs, which would pull host files
 * or arbitrary code), install scripts never run, and the project's own .npmrc is never read.
 */

const NPM_NAME = /^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;
const NPM_RANGE = /^[0-9A-Za-z.^~<>=|*+ -]{1,64}$/;
const MAX_DEPENDENCIES = 200;

const DepMap = z.record(z.string(), z.string()).optional();
const PackageJson = z.object({ dependencies: DepMap, devDependencies: DepMap }).passthrough();

export type NpmDependencies = { dependencies: Record<string, string>; devDependencies: Record<string, string> };

function checkDeps(field: string, deps: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, range] of Object.entries(deps).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!NPM_NAME.test(name)) throw new PrepareError("dependencies_failed", `package.json ${field}: '${name.slice(0, 80)}' is not an npm package name`);
    if (!NPM_RANGE.test(range)) throw new PrepareError("dependencies_failed", `package.json ${field}.${name}: '${range.slice(0, 80)}' is not a registry version range (file:, git, URL and alias specs are not installed)`);
    out[name] = range;
  }
  return out;
}

/** The dependency lists of a package.json, checked. */
export function parseNpmDependencies(packageJson: string): NpmDependencies {
  let raw: unknown;
  try {
    raw = JSON.parse(packageJson);
  } catch (e) {
    throw new PrepareError("dependencies_failed", `package.json is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = PackageJson.safeParse(raw);
  if (!parsed.success) throw new PrepareError("dependencies_failed", `package.json: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const deps = { dependencies: checkDeps("dependencies", parsed.data.dependencies), devDependencies: checkDeps("devDependencies", parsed.data.devDependencies) };
  if (Object.keys(deps.dependencies).length + Object.keys(deps.devDependencies).length > MAX_DEPENDENCIES) {
    throw new PrepareError("dependencies_failed", `package.json lists more than ${MAX_DEPENDENCIES} dependencies`);
  }
  return deps;
}

export const npmDepsKey = (deps: NpmDependencies) =>
  createHash("sha256").update(JSON.stringify(deps)).update(`\0node${process.versions.node.split(".")[0]}`).digest("hex");

export const hasNpmDeps = (deps: NpmDependencies) => Object.keys(deps.dependencies).length + Object.keys(deps.devDependencies).length > 0;

/** Installs (or finds in the cache) the dependencies; returns the directory holding node_modules. */
export async function installNpmDeps(cacheRoot: string, deps: NpmDependencies, signal?: AbortSignal): Promise<CacheResult> {
  const tools = basicTools();
  return cachedDir(cacheRoot, "npm", npmDepsKey(deps), async (staging) => {
    writeFileSync(join(staging, "package.json"), JSON.stringify({ name: "agent-deps", version: "0.0.0", private: true, ...deps }, null, 2));
    const npm = join(tools.nodeDir, "npm");
    const result = await execCapped(npm, ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--no-update-notifier", "--loglevel=error", "--no-package-lock"], {
      cwd: staging,
      env: { PATH: `${tools.nodeDir}:/usr/bin:/bin`, HOME: homedir(), npm_config_update_notifier: "false" },
      timeoutMs: INSTALL_WALL_MS,
      signal,
    });
    if (result.code !== 0) {
      const why = result.timedOut ? `npm install did not finish within ${INSTALL_WALL_MS / 1000} s` : tail(result.out);
      throw new PrepareError("dependencies_failed", `Dependencies could not be installed: ${why}`);
    }
  });
}
