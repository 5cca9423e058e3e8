import { spawn } from "node:child_process";

export type ExecResult = { code: number | null; out: string; timedOut: boolean };

const KEEP_CHARS = 20_000;

/**
 * Runs a trusted installer (npm, pip) with a wall-time cap: the whole process group is
 * killed at the cap, so an unreachable index ends the step instead of hanging the run.
 * Keeps the last part of the combined output for the error message.
 */
export function execCapped(command: string, args: string[], o: { cwd: string; env: Record<string, string>; timeoutMs: number; signal?: AbortSignal }): Promise<ExecResult> {
  return new Promise((resolve) => {
    // (ProcessEnv is widened by Next with NODE_ENV; this env is deliberately minimal.)
    const child = spawn(command, args, { cwd: o.cwd, env: o.env as NodeJS.ProcessEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let timedOut = false;
    const keep = (d: Buffer) => {
      out += d.toString("utf8");
      if (out.length > KEEP_CHARS * 2) out = out.slice(-KEEP_CHARS);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const killGroup = () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* gone */
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, o.timeoutMs);
    // Detached, the installer outlives this process unless it is killed here (the runner is stopping).
    o.signal?.addEventListener("abort", killGroup, { once: true });
    if (o.signal?.aborted) killGroup();
    const done = () => {
      clearTimeout(timer);
      o.signal?.removeEventListener("abort", killGroup);
    };
    child.on("error", (e) => {
      done();
      resolve({ code: 127, out: e.message, timedOut });
    });
    child.on("close", (code) => {
      done();
      resolve({ code, out: out.slice(-KEEP_CHARS), timedOut });
    });
  });
}

/** The last non-empty lines of installer output, for a message a user can act on. */
export function tail(text: string, lines = 8): string {
  return text
    .split("\n")
    .map((l) => l.trimEnd())
    .filter(Boolean)
    .slice(-lines)
    .join("\n");
}
