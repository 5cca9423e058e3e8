import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "server", "registry", "next.config.mjs", "package.json", "postcss.config.mjs", "tsconfig.json"];
/** Run by tsx, never bundled by Next: a change here needs a restart, not a rebuild. */
const NOT_BUNDLED = new Set([path.join("server", "local"), path.join("server", "cli")]);

function newestMtime(p: string, root: string): number {
  if (!existsSync(p) || NOT_BUNDLED.has(path.relative(root, p))) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(p).reduce((max, name) => Math.max(max, newestMtime(path.join(p, name), root)), s.mtimeMs);
}

/** Runs `next build` when there is no build or a source file is newer than it. */
export function buildIfNeeded(root: string, distDir = ".next"): void {
  const buildId = path.join(root, distDir, "BUILD_ID");
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const changed = SOURCES.some((s) => newestMtime(path.join(root, s), root) > built);
  if (built && !changed) return;
  console.log(
    built
      ? "Building the web app: sources changed since the last build (next build; its progress follows)…"
      : "Building the web app for the first time (next build, a minute or more on a small machine; its progress follows)…",
  );
  const started = performance.now();
  const result = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) throw new Error("next build failed");
  console.log(`Build done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
