import type { LimitStatus } from "./types";

/** The caps of one sandboxed process tree. */
export type SandboxLimits = {
  /** Memory of the whole tree (memory cgroup); Node also gets a smaller heap cap. */
  memoryMb: number;
  /** Processes and threads of the tree (pids cgroup, RLIMIT_NPROC as a backstop). */
  pids: number;
  /** CPU time of the whole tree (cpuacct), and of each process (RLIMIT_CPU). */
  cpuSeconds: number;
  /** Cores the tree may use at once (cpu cgroup quota), so a spinning agent cannot starve the host. */
  cpuCores: number;
  /** Wall time from start to kill. */
  wallMs: number;
  /** Largest file a process may write (RLIMIT_FSIZE). */
  fileSizeMb: number;
  /** Size of the writable /work and /tmp (each a tmpfs). */
  tmpMb: number;
  /** stdout + stderr bytes before the run is killed. */
  outputBytes: number;
};

/** A test run of an agent. */
export const RUN_LIMITS: SandboxLimits = {
  memoryMb: 512,
  pids: 128,
  cpuSeconds: 30,
  // Node and V8 start faster with a second core for background compilation (~200 ms sooner).
  cpuCores: 1.5,
  wallMs: 60_000,
  fileSizeMb: 32,
  tmpMb: 64,
  outputBytes: 2_000_000,
};

/** Compiling a TypeScript agent (tsc needs more memory and time than a run). */
export const BUILD_LIMITS: SandboxLimits = {
  memoryMb: 1536,
  pids: 128,
  cpuSeconds: 180,
  cpuCores: 2,
  wallMs: 240_000,
  fileSizeMb: 64,
  tmpMb: 128,
  outputBytes: 1_000_000,
};

/** The longest input a test run accepts (the generated agents default to 20 000 characters). */
export const MAX_INPUT_CHARS = 10_000;
/** Events kept with a stored result and streamed live per run; the rest are counted, not kept. */
export const MAX_STORED_EVENTS = 400;
/** Live text deltas are merged and sent at most this often. */
export const STREAM_FLUSH_MS = 50;
export const LOGS_EXCERPT_CHARS = 4_000;
export const MAX_OUTPUT_CHARS = 100_000;
/** Install and build steps, each; pip gets no retries and a 5 s socket timeout on top. */
export const INSTALL_WALL_MS = 300_000;
export const PIP_WALL_MS = 90_000;

/** What each limit status tells the user. */
export function describeLimit(status: LimitStatus, limits: SandboxLimits): string {
  switch (status) {
    case "timeout":
      return `The run was stopped at its wall-time limit of ${Math.round(limits.wallMs / 1000)} s.`;
    case "memory_limit":
      return `The run was killed at its memory limit of ${limits.memoryMb} MB.`;
    case "cpu_limit":
      return `The run was stopped at its CPU-time limit of ${limits.cpuSeconds} s.`;
    case "process_limit":
      return `The run hit its limit of ${limits.pids} processes and threads.`;
    case "file_size_limit":
      return `The run hit its file-size limit (${limits.fileSizeMb} MB per file, ${limits.tmpMb} MB of scratch space).`;
    case "output_limit":
      return `The run was killed after printing more than ${Math.round(limits.outputBytes / 1000)} kB.`;
  }
}
