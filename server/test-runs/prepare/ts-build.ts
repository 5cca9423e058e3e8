import { existsSync } from "node:fs";
import { join } from "node:path";
import { BUILD_LIMITS } from "../limits";
import type { Mount } from "../sandbox/bwrap-args";
import { runSandboxed } from "../sandbox/run-sandboxed";
import { cachedDir, type CacheResult } from "./cache";
import { tail } from "./exec";
import { PrepareError } from "./errors";

/**
 * Compiles a TypeScript agent with its own tsc, INSIDE the sandbox (a hostile tsconfig could
 * otherwise write anywhere: outDir, extends, ...), into `<cache>/build/<hash>` — keyed by the
 * project's content hash, so a version is compiled once.
 */
export async function buildTypeScript(o: {
  cacheRoot: string;
  key: string;
  name: string;
  appDir: string;
  nodeModules: string | null;
  isolation: "bwrap" | "process";
  signal?: AbortSignal;
}): Promise<CacheResult> {
  if (!o.nodeModules || !existsSync(join(o.nodeModules, "typescript", "bin", "tsc"))) {
    throw new PrepareError("build_failed", "The project has a tsconfig.json but no typescript in its devDependencies, so it cannot be built");
  }
  return cachedDir(o.cacheRoot, "build", o.key, async (staging) => {
    const mounts: Mount[] = [
      { from: o.appDir, to: "/app" },
      { from: o.nodeModules!, to: "/app/node_modules" },
      { from: staging, to: "/out", writable: true },
    ];
    const lines: string[] = [];
    const keep = (l: string) => lines.length < 400 && lines.push(l);
    const exit = await runSandboxed(
      {
        name: `build-${o.name}`,
        isolation: o.isolation,
        mounts,
        command: ["node", `--max-old-space-size=${Math.floor(BUILD_LIMITS.memoryMb * 0.7)}`, "/app/node_modules/typescript/bin/tsc", "-p", "/app/tsconfig.json", "--outDir", "/out", "--incremental", "false", "--pretty", "false"],
        env: { PATH: "/usr/bin:/bin", HOME: "/work", TMPDIR: "/tmp", LANG: "C.UTF-8" },
        cwd: "/app",
        limits: BUILD_LIMITS,
        model: null,
        writableDirs: [staging],
      },
      { stdout: keep, stderr: keep, signal: o.signal },
    );
    if (exit.limit) throw new PrepareError("build_failed", `The TypeScript build hit a limit (${exit.limit}): ${tail(lines.join("\n"))}`);
    if (exit.code !== 0) throw new PrepareError("build_failed", `The TypeScript build failed:\n${tail(lines.join("\n"), 12)}`);
  });
}
