import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Mount } from "./bwrap-args";

/**
 * The "process" isolation's stand-in for bwrap's mounts (inside the ECS runner task, where
 * the task is the boundary): a private root directory where each sandbox path is a symlink
 * to its host path, plus real /work and /tmp, so commands keep their sandbox paths.
 */
export function processLayout(mounts: Mount[]) {
  const root = mkdtempSync(join(/*turbopackIgnore: true*/ tmpdir(), "agent-run-"));
  // Runtime paths, not project files: keep Next's file tracing out of them.
  const at = (inside: string) => join(/*turbopackIgnore: true*/ root, inside);
  for (const dir of ["/work", "/tmp"]) mkdirSync(at(dir), { recursive: true, mode: 0o700 });
  const prefixes = ["/work", "/tmp", ...mounts.map((m) => m.to)];
  for (const m of mounts) {
    mkdirSync(dirname(at(m.to)), { recursive: true });
    rmSync(at(m.to), { recursive: true, force: true });
    symlinkSync(m.from, at(m.to));
  }
  return {
    root,
    /** The host path of a sandbox path (unchanged when no mount covers it, e.g. /usr/bin/node). */
    path(inside: string): string {
      return prefixes.some((p) => inside === p || inside.startsWith(`${p}/`)) ? at(inside) : inside;
    },
    cleanup: () => rmSync(at("/"), { recursive: true, force: true }),
  };
}
