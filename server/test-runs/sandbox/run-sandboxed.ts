import { spawn } from "node:child_process";
import { constants } from "node:os";
import type { SandboxLimits } from "../limits";
import type { LimitStatus } from "../types";
import type { Mount } from "./bwrap-args";
import type { RunCgroup } from "./cgroup";
import { prepareCommand } from "./command";
import { watchLimits, type Kill, type WatchedTree } from "./limit-watch";
import { lineSplitter } from "./lines";


/**
 * Runs one command in a sandbox and streams its output lines. Two isolations:
 * - "bwrap" (this host): bubblewrap namespaces, an unprivileged uid, a per-run cgroup, rlimits,
 *   no network but the model socket. Every run gets it; hostile code never runs without it.
 * - "process" (inside the ECS runner task, which is itself the isolation boundary): a child
 *   with an empty environment, its own directory and process group, and rlimits.
 * Both enforce wall time and output size here, and kill everything at the end.
 */

export type SandboxSpec = {
  /** Names the run's cgroup: letters, digits, _ and -. */
  name: string;
  isolation: "bwrap" | "process";
  /** Host paths visible inside at `to` (later mounts may sit inside earlier ones). */
  mounts: Mount[];
  /** Inside paths; "node" means the host's node binary. */
  command: string[];
  /** The ONLY environment the command gets. */
  env: Record<string, string>;
  cwd: string;
  limits: SandboxLimits;
  /** The model endpoint: a Unix socket (bwrap: forwarded to 127.0.0.1 inside) or a URL (process). */
  model: { socketPath: string } | { url: string } | null;
  /** Host directories of writable mounts: owned by the run's uid while it runs, by root after. */
  writableDirs?: string[];
};

export type SandboxIO = {
  stdout(line: string): void;
  stderr(line: string): void;
  /**
   * Given, the command's stdin is a pipe and this gets a way to write a line to it (false once
   * the command is gone): how a person's approval decision reaches a running agent. Absent, stdin is empty.
   */
  input?(writeLine: (line: string) => boolean, end: () => void): void;
  /** Gets the means to stop the run early for a reason of the caller's (a suite's per-case limits). */
  control?(c: WatchedTree): void;
  /** Aborted, the whole tree is killed at once (the runner is stopping); the caller says why in its outcome. */
  signal?: AbortSignal;
};

export type SandboxExit = {
  code: number | null;
  limit: LimitStatus | null;
  wallMs: number;
  firstByteMs: number | null;
  outputBytes: number;
  cpuMs: number | null;
  /** The uid and cgroup the run had (for leftover checks), null in "process" isolation. */
  uid: number | null;
  cgroup: string | null;
};

const HEAP_OOM = /JavaScript heap out of memory|Reached heap limit|MemoryError/;
const FILE_LIMIT = /EFBIG|ENOSPC|File too large|No space left/;

function classify(kill: Kill | null, code: number | null, cg: RunCgroup | null, seen: { heapOom: boolean; fileLimit: boolean }): LimitStatus | null {
  if (kill === "output_limit") return kill;
  if ((cg?.oomKills() ?? 0) > 0 || (seen.heapOom && code !== 0)) return "memory_limit";
  // A tree that hit its process cap was fork-bombing or about to fail, whatever its exit code.
  if ((cg?.pidsMaxHits() ?? 0) > 0) return "process_limit";
  if (kill === "cpu_limit" || code === 128 + 24) return "cpu_limit";
  if (kill === "timeout") return "timeout";
  if (code === 128 + 25 || (seen.fileLimit && code !== 0)) return "file_size_limit";
  return null;
}

export async function runSandboxed(spec: SandboxSpec, io: SandboxIO): Promise<SandboxExit> {
  const { limits } = spec;
  const { argv, env, cwd, cg, uid, cgroupName, fds, cleanup } = prepareCommand(spec);

  const started = performance.now();
  let firstByteMs: number | null = null;
  let kill: Kill | null = null;
  const seen = { heapOom: false, fileLimit: false };
  // (ProcessEnv is widened by Next with NODE_ENV; this env is deliberately minimal.)
  const child = spawn(argv[0]!, argv.slice(1), { env: env as NodeJS.ProcessEnv, cwd, detached: true, stdio: [io.input ? "pipe" : "ignore", "pipe", "pipe", ...fds] });
  if (io.input && child.stdin) {
    const stdin = child.stdin;
    stdin.on("error", () => undefined); // the agent may exit (or close stdin) before a decision arrives
    io.input(
      (line) => {
        if (stdin.destroyed || !stdin.writable) return false;
        stdin.write(`${line.replace(/\n/g, " ")}\n`);
        return true;
      },
      () => stdin.end(),
    );
  }

  const killTree = (reason: Kill | null) => {
    if (reason && !kill) kill = reason;
    try {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    } catch {
      /* gone */
    }
    void cg?.killAll();
  };
  const abort = () => killTree(null);
  io.signal?.addEventListener("abort", abort, { once: true });
  if (io.signal?.aborted) abort();
  const tree: WatchedTree = { kill: (reason) => killTree(reason), cpuMs: () => (cg ? cg.cpuMs() : null) };
  io.control?.(tree);
  const limitWatch = watchLimits(limits, tree);
  const watch = (line: string) => {
    const head = line.length > 2000 ? line.slice(0, 2000) : line;
    if (HEAP_OOM.test(head)) seen.heapOom = true;
    if (FILE_LIMIT.test(head)) seen.fileLimit = true;
  };
  const out = lineSplitter((l) => (watch(l), io.stdout(l)));
  const err = lineSplitter((l) => (watch(l), io.stderr(l)));
  const count = (chunk: Buffer) => limitWatch.count(chunk.byteLength);
  child.stdout!.on("data", (d: Buffer) => {
    if (firstByteMs === null) firstByteMs = performance.now() - started;
    if (count(d)) out.push(d);
  });
  child.stderr!.on("data", (d: Buffer) => count(d) && err.push(d));

  const streamsClosed = new Promise<void>((resolve) => {
    let open = 2;
    const closed = () => --open === 0 && resolve();
    child.stdout!.once("close", closed);
    child.stderr!.once("close", closed);
  });
  const code = await new Promise<number | null>((resolve) => {
    child.once("error", (e) => {
      io.stderr(`sandbox: ${e.message}`);
      resolve(127);
    });
    child.once("exit", (c, signal) => resolve(signal ? 128 + (constants.signals[signal] ?? 0) : c));
  });
  // Orphans could hold the pipes open: give the streams a moment, then end them ourselves.
  await Promise.race([streamsClosed, new Promise((r) => setTimeout(r, 300).unref())]);
  child.stdin?.destroy();
  child.stdout?.destroy();
  child.stderr?.destroy();
  limitWatch.stop();
  io.signal?.removeEventListener("abort", abort);
  out.end();
  err.end();
  const wallMs = performance.now() - started;
  const limit = classify(kill, code, cg, seen);
  const cpuMs = cg ? cg.cpuMs() : null;
  killTree(null);
  await cg?.remove();
  cleanup();
  return { code, limit, wallMs, firstByteMs, outputBytes: limitWatch.bytes(), cpuMs, uid, cgroup: cgroupName };
}
