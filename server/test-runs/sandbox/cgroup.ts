import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SandboxLimits } from "../limits";
import { uidInUse } from "./host";

/**
 * One cgroup (v1) per sandboxed run, in the memory, pids, cpu and cpuacct hierarchies: caps
 * the whole process tree however it forks, counts what it used, and is how the run's
 * processes are found and killed at the end (nothing survives the run).
 */

const ROOT = "/sys/fs/cgroup";
const CONTROLLERS = ["memory", "pids", "cpu", "cpuacct"] as const;
/** Every run's cgroup lives under this one, so leftovers are easy to find. */
export const CGROUP_PARENT = "agent-builder";

let available: boolean | undefined;

/** Whether cgroup v1 memory/pids/cpu/cpuacct are mounted and writable here (root, not in a container). */
export function cgroupsAvailable(): boolean {
  if (available !== undefined) return available;
  try {
    for (const c of CONTROLLERS) accessSync(join(ROOT, c), constants.W_OK);
    available = existsSync(join(ROOT, "memory", "memory.limit_in_bytes")) || existsSync(join(ROOT, "memory", "cgroup.procs"));
  } catch {
    available = false;
  }
  return available;
}

const read = (path: string) => {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
};

const counter = (text: string, key: string) => Number(new RegExp(`^${key} (\\d+)$`, "m").exec(text)?.[1] ?? 0);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A run cgroup's directory in each hierarchy. */
const dirsOf = (name: string) => Object.fromEntries(CONTROLLERS.map((c) => [c, join(ROOT, c, CGROUP_PARENT, name)])) as Record<(typeof CONTROLLERS)[number], string>;

export class RunCgroup {
  constructor(private readonly dirs: Record<(typeof CONTROLLERS)[number], string>) {}

  static create(name: string, limits: SandboxLimits): RunCgroup {
    if (!/^[a-z0-9_-]{1,80}$/i.test(name)) throw new Error(`bad cgroup name '${name}'`);
    const dirs = dirsOf(name);
    for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dirs.memory, "memory.limit_in_bytes"), String(limits.memoryMb * 1024 * 1024));
    writeFileSync(join(dirs.pids, "pids.max"), String(limits.pids));
    writeFileSync(join(dirs.cpu, "cpu.cfs_period_us"), "100000");
    writeFileSync(join(dirs.cpu, "cpu.cfs_quota_us"), String(Math.round(limits.cpuCores * 100_000)));
    return new RunCgroup(dirs);
  }

  /** The cgroup.procs files a process writes its pid into to join (before it execs the sandbox). */
  procFiles(): string[] {
    return CONTROLLERS.map((c) => join(this.dirs[c], "cgroup.procs"));
  }

  cpuMs(): number {
    return Number(read(join(this.dirs.cpuacct, "cpuacct.usage")).trim() || 0) / 1e6;
  }
  oomKills(): number {
    return counter(read(join(this.dirs.memory, "memory.oom_control")), "oom_kill");
  }
  pidsMaxHits(): number {
    return counter(read(join(this.dirs.pids, "pids.events")), "max");
  }
  pids(): number[] {
    const all = new Set<number>();
    for (const c of ["memory", "pids"] as const) for (const p of read(join(this.dirs[c], "cgroup.procs")).split("\n")) if (p.trim()) all.add(Number(p));
    return [...all];
  }

  /** SIGKILLs every process in the cgroup until none is left (forks racing the kill included). */
  async killAll(): Promise<void> {
    for (let round = 0; round < 100; round++) {
      const pids = this.pids();
      if (pids.length === 0) return;
      for (const pid of pids) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          /* already gone */
        }
      }
      await sleep(round < 10 ? 5 : 20);
    }
  }

  async remove(): Promise<void> {
    await this.killAll();
    for (const dir of Object.values(this.dirs)) {
      for (let attempt = 0; attempt < 20 && existsSync(dir); attempt++) {
        try {
          rmdirSync(dir);
        } catch {
          await sleep(10);
        }
      }
    }
  }
}

/**
 * Removes run cgroups left by a crashed or killed process: those whose sandbox uid (the
 * name's last part) no live runner holds. Their processes are killed first: agents are
 * spawned detached, so a runner killed without its stop (kill -9) leaves them running with
 * no limit watched. A cgroup of a held uid is left alone: empty, it is a run between creating
 * its cgroup and joining it, maybe in another runner process on this host; removing it
 * would fail that run's start.
 */
export async function sweepLeftCgroups(): Promise<void> {
  if (!cgroupsAvailable()) return;
  const left = new Set<string>();
  for (const c of CONTROLLERS) {
    const parent = join(ROOT, c, CGROUP_PARENT);
    if (!existsSync(parent)) continue;
    for (const entry of readdirSync(parent, { withFileTypes: true })) {
      const uid = Number(/-(\d+)$/.exec(entry.name)?.[1]);
      if (entry.isDirectory() && !(uid && uidInUse(uid))) left.add(entry.name);
    }
  }
  for (const name of left) await new RunCgroup(dirsOf(name)).remove();
}
