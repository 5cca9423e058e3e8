import { spawn } from "node:child_process";
import { join } from "node:path";

/** The package's bin entry: tests run the CLI through it, as a user does. */
export const CLI_BIN = join(__dirname, "..", "..", "bin", "agent-builder.cjs");

export type CliResult = { code: number | null; out: string; err: string };

/**
 * Runs `agent-builder <args>` in `cwd` and collects its output. `env` is added to this
 * process's environment; `stdin`, given, is piped in (else stdin is empty).
 */
export function runCli(args: string[], o: { cwd: string; env?: Record<string, string>; stdin?: string }): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], { cwd: o.cwd, stdio: [o.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"], env: { ...process.env, ...o.env } });
    let out = "";
    let err = "";
    child.stdout!.on("data", (d: Buffer) => (out += d.toString("utf8")));
    child.stderr!.on("data", (d: Buffer) => (err += d.toString("utf8")));
    child.on("close", (code) => resolve({ code, out, err }));
    if (o.stdin !== undefined) child.stdin!.end(o.stdin);
  });
}
