import { readdirSync, readFileSync } from "node:fs";
import { cpus } from "node:os";

/**
 * CPU time from /proc, for judging a load run by the utilization law: a run whose product used
 * about every core the machine has was queueing on CPU, and its latencies say how much work was
 * offered, not how fast the server is. Linux only; elsewhere every figure is null.
 */

const TICKS_PER_SECOND = 100; // USER_HZ: `getconf CLK_TCK` is 100 on Linux for every architecture we run on

type ProcStat = { pid: number; ppid: number; ticks: number };

/** One process's own CPU plus that of its children it has waited for (fields 14–17 of /proc/<pid>/stat). */
function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces: fields resume after the last ")".
    const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const field = (n: number) => Number(rest[n - 3]);
    return { pid, ppid: field(4), ticks: field(14) + field(15) + field(16) + field(17) };
  } catch {
    return null; // exited while we read
  }
}

/**
 * CPU seconds used so far by a process and all its descendants, live or exited and waited for
 * (a reaped child's time moves into its parent's cutime/cstime, so the sum stays continuous).
 */
function treeCpuSeconds(rootPid: number): number | null {
  if (process.platform !== "linux") return null;
  const all = readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map((d) => readStat(Number(d))).filter((s): s is ProcStat => s !== null);
  const children = new Map<number, ProcStat[]>();
  for (const s of all) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  let ticks = 0;
  const stack = all.filter((s) => s.pid === rootPid);
  while (stack.length > 0) {
    const s = stack.pop()!;
    ticks += s.ticks;
    stack.push(...(children.get(s.pid) ?? []));
  }
  return ticks / TICKS_PER_SECOND;
}

/** Busy CPU seconds of the whole machine so far (every process, ours and others'), from /proc/stat. */
function machineBusySeconds(): number | null {
  if (process.platform !== "linux") return null;
  const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / TICKS_PER_SECOND;
}

/** A meter over one stretch of time: cores the product kept busy on average, and the machine. */
export function cpuMeter(rootPid: number) {
  const start = { at: performance.now(), tree: treeCpuSeconds(rootPid), machine: machineBusySeconds() };
  return () => {
    const seconds = (performance.now() - start.at) / 1000;
    const tree = treeCpuSeconds(rootPid);
    const machine = machineBusySeconds();
    const perSecond = (a: number | null, b: number | null) => (a === null || b === null ? null : Math.round(((a - b) / seconds) * 100) / 100);
    return {
      cores: cpus().length,
      productCpuSeconds: tree === null || start.tree === null ? null : Math.round(tree - start.tree),
      productCoresBusy: perSecond(tree, start.tree),
      machineCoresBusy: perSecond(machine, start.machine),
    };
  };
}
