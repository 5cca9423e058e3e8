import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Mount } from "../sandbox/bwrap-args";
import type { ProjectLanguage, RunPhase } from "../types";
import { PrepareError } from "./errors";
import { isCached } from "./cache";
import { hasNpmDeps, installNpmDeps, npmDepsKey, parseNpmDependencies } from "./npm-deps";
import { hashFiles, textOf, type LoadedFiles } from "./project-files";
import { installPythonDeps, parseRequirements, pythonDepsKey, systemPython } from "./python-deps";
import { buildTypeScript } from "./ts-build";

/**
 * Makes a copied project runnable: its language from its files, its dependencies from the
 * cache (installed on a miss), a TypeScript build (cached by content), and the command that
 * runs it once. Throws PrepareError with the user-facing reason when it cannot.
 */

export type PreparedProject = {
  language: ProjectLanguage;
  /** Mounts of the run, the project first (paths inside the sandbox). */
  mounts: Mount[];
  /** The one-shot command, `--input` and the text appended by the caller. */
  command: string[];
  /** The command that takes a suite's cases on stdin (run-suite), where the project has one. */
  suiteCommand: string[] | null;
  cache: { deps: "hit" | "miss" | "none"; build: "hit" | "miss" | "none" };
};

export type PrepareOptions = {
  files: LoadedFiles;
  /** Where the files were written (the run's private copy). */
  appDir: string;
  cacheRoot: string;
  name: string;
  isolation: "bwrap" | "process";
  /** Memory of a run, to size Node's heap under the cgroup cap. */
  memoryMb: number;
  onPhase(phase: RunPhase, message: string): void;
  /** Aborted, installs and builds under way are killed (the run is being stopped). */
  signal?: AbortSignal;
};

/** An empty directory for a mount inside the project copy (whatever the project had there goes). */
function mountPoint(appDir: string, name: string) {
  rmSync(join(appDir, name), { recursive: true, force: true });
  mkdirSync(join(appDir, name), { mode: 0o755 });
}

/** A TypeScript project generated with run-suite (older versions and Python projects run a suite case by case). */
export function hasSuiteRunner(files: LoadedFiles): boolean {
  return files.has("package.json") && (files.has("src/run-suite.ts") || files.has("dist/run-suite.js"));
}

export function detectLanguage(files: LoadedFiles): ProjectLanguage {
  if (files.has("package.json")) return "typescript";
  if (files.has("run_once.py") || files.has("requirements.txt")) return "python";
  throw new PrepareError("build_failed", "This is not a generated agent project: it has neither package.json nor run_once.py");
}

async function prepareTypeScript(o: PrepareOptions): Promise<PreparedProject> {
  const deps = parseNpmDependencies(textOf(o.files, "package.json")!);
  const mounts: Mount[] = [{ from: o.appDir, to: "/app" }];
  let nodeModules: string | null = null;
  let depsCache: PreparedProject["cache"]["deps"] = "none";
  if (hasNpmDeps(deps)) {
    const cached = isCached(o.cacheRoot, "npm", npmDepsKey(deps));
    o.onPhase("installing", cached ? "Dependencies are in the cache" : "Installing dependencies (once per dependency list, about a minute)");
    const installed = await installNpmDeps(o.cacheRoot, deps, o.signal);
    nodeModules = join(installed.dir, "node_modules");
    depsCache = installed.hit ? "hit" : "miss";
    mountPoint(o.appDir, "node_modules");
    mounts.push({ from: nodeModules, to: "/app/node_modules" });
  }
  let buildCache: PreparedProject["cache"]["build"] = "none";
  if (o.files.has("tsconfig.json")) {
    const key = hashFiles(o.files, ["dist", "node_modules"]);
    o.onPhase("building", isCached(o.cacheRoot, "build", key) ? "Build is in the cache" : "Compiling TypeScript (once per version)");
    const built = await buildTypeScript({ cacheRoot: o.cacheRoot, key, name: o.name, appDir: o.appDir, nodeModules, isolation: o.isolation, signal: o.signal });
    buildCache = built.hit ? "hit" : "miss";
    mountPoint(o.appDir, "dist");
    mounts.push({ from: built.dir, to: "/app/dist" });
  } else if (!o.files.has("dist/run-once.js")) {
    throw new PrepareError("build_failed", "The project has neither a tsconfig.json to build nor a dist/run-once.js to run");
  }
  const heap = Math.max(64, Math.floor(o.memoryMb * 0.6));
  const node = ["node", `--max-old-space-size=${heap}`];
  const suiteCommand = hasSuiteRunner(o.files) ? [...node, "/app/dist/run-suite.js"] : null;
  return { language: "typescript", mounts, command: [...node, "/app/dist/run-once.js"], suiteCommand, cache: { deps: depsCache, build: buildCache } };
}

async function preparePython(o: PrepareOptions): Promise<PreparedProject> {
  if (!o.files.has("run_once.py")) throw new PrepareError("build_failed", "The project has no run_once.py to run");
  const requirements = parseRequirements(textOf(o.files, "requirements.txt") ?? "");
  const mounts: Mount[] = [{ from: o.appDir, to: "/app" }];
  if (requirements.length === 0) {
    return { language: "python", mounts, command: [systemPython(), "/app/run_once.py"], suiteCommand: null, cache: { deps: "none", build: "none" } };
  }
  o.onPhase("installing", isCached(o.cacheRoot, "py", pythonDepsKey(requirements)) ? "Python requirements are in the cache" : "Installing Python requirements into a virtualenv");
  const venv = await installPythonDeps(o.cacheRoot, requirements, o.signal);
  mountPoint(o.appDir, ".venv");
  mounts.push({ from: join(venv.dir, "venv"), to: "/app/.venv" });
  return { language: "python", mounts, command: ["/app/.venv/bin/python3", "/app/run_once.py"], suiteCommand: null, cache: { deps: venv.hit ? "hit" : "miss", build: "none" } };
}

export function prepareProject(o: PrepareOptions): Promise<PreparedProject> {
  o.onPhase("preparing", "Preparing the project");
  return detectLanguage(o.files) === "typescript" ? prepareTypeScript(o) : preparePython(o);
}
