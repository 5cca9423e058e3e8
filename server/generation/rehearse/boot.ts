import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

/** Starting the agent's process and waiting for it to serve; stopping it and everything it started. */

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });

export type Booted = { child: ChildProcess; output: () => string; exited: () => number | null | undefined };

export function start(command: string[], o: { cwd: string; env: Record<string, string> }): Booted {
  const child = spawn(command[0]!, command.slice(1), { cwd: o.cwd, env: o.env as NodeJS.ProcessEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let code: number | null | undefined;
  const keep = (d: Buffer) => {
    out = (out + d.toString("utf8")).slice(-8_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  child.on("exit", (c) => (code = c));
  child.on("error", (e) => {
    out += e.message;
    code = 127;
  });
  return { child, output: () => out, exited: () => code };
}

export function stop(b: Booted): Promise<void> {
  if (b.exited() !== undefined) return Promise.resolve();
  return new Promise((resolve) => {
    b.child.once("exit", () => resolve());
    try {
      process.kill(-b.child.pid!, "SIGKILL");
    } catch {
      resolve();
    }
  });
}

const lastLines = (text: string, n = 6) => text.trim().split("\n").slice(-n).join("\n");

/** Polls `probe` until it answers, the process exits, or the time is up. */
export async function waitUntilServing(b: Booted, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const code = b.exited();
    if (code !== undefined) throw new Error(`the process exited with ${code} before it served:\n${lastLines(b.output())}`);
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not serving after ${timeoutMs} ms:\n${lastLines(b.output())}`);
}

/**
 * Fails when the process exits within `ms` after it began serving: a Lambda function's init
 * (secrets, tools) runs beside the first request, and a crash there fails every call.
 */
export async function staysUp(b: Booted, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const code = b.exited();
    if (code !== undefined) throw new Error(`the process exited with ${code} before it served a call (during its init):\n${lastLines(b.output(), 24)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
