import { readdirSync, readFileSync } from "node:fs";
import { cpus } from "node:os";

/**
 * CPU time from /proc, for judging a load run by the utilization law: a run whose product used
 * about every core the machine has was queueing on CPU, and its latencies say how much work was
 * offered, not how fast the server is. Linux only; elsewhere every figure is null.
 */

const TICKS_PER_SECOND = 100; // USER_HZ: `getconf CLK_TCK` is 100 on Linux for every architecture we run on

type ProcStat = { pid: number; ppid: number; ticks: number; ownTicks: number };

/** One process's own CPU plus that of its children it has waited for (fields 14–17 of /proc/<pid>/stat). */
function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces: fields resume after the last ")".
    const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const field = (n: number) => Number(rest[n - 3]);
    return { pid, ppid: field(4), ticks: field(14) + field(15) + field(16) + field(17), ownTicks: field(14) + field(15) };
  } catch {
    return null; // exited while we read
  }
}

function allStats(): ProcStat[] {
  return readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map((d) => readStat(Number(d))).filter((s): s is ProcStat => s !== null);
}

function childrenOf(all: ProcStat[]): Map<number, ProcStat[]> {
  const children = new Map<number, ProcStat[]>();
  for (const s of all) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  return children;
}

function subtreeTicks(root: ProcStat, children: Map<number, ProcStat[]>): number {
  let ticks = 0;
  const stack = [root];
  while (stack.length > 0) {
    const s = stack.pop()!;
    ticks += s.ticks;
    stack.push(...(children.get(s.pid) ?? []));
  }
  return ticks;
}

/** What a process of the product is, from its command line (the launcher forks its parts by entry file). */
function roleOf(pid: number): string {
  let argv: string[] = [];
  try {
    argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } catch {
    return "other";
  }
  const line = argv.join(" ");
  if (/dynalite-process/.test(line)) return "DynamoDB stand-in (dynalite)";
  if (/worker-process/.test(line)) return "workers (PM, Dev, QA, Ops) and what they start";
  if (/bwrap|sandbox|runner/.test(line)) return "test runs (sandboxed agents)";
  return `other: ${argv.slice(0, 2).map((a) => a.split("/").pop()).join(" ")}`;
}

/**
 * CPU seconds per part of the product so far, from one read of /proc: the web process's own
 * (Next.js, the API, realtime, the PGlite thread), its children that have exited and been waited
 * for (test runs it started), and each live child's whole subtree by role. A reaped child's time
 * moves into its parent's cutime/cstime, so the parts' sum stays continuous. Null off Linux.
 */
function partsSeconds(rootPid: number): Record<string, number> | null {
  if (process.platform !== "linux") return null;
  const all = allStats();
  const children = childrenOf(all);
  const root = all.find((s) => s.pid === rootPid);
  if (!root) return {};
  const parts: Record<string, number> = {
    "web process (Next.js, API, realtime, PGlite thread)": root.ownTicks / TICKS_PER_SECOND,
    "web process's exited children": (root.ticks - root.ownTicks) / TICKS_PER_SECOND,
  };
  for (const child of children.get(rootPid) ?? []) {
    const role = roleOf(child.pid);
    parts[role] = (parts[role] ?? 0) + subtreeTicks(child, children) / TICKS_PER_SECOND;
  }
  return parts;
}

const sum = (parts: Record<string, number>) => Object.values(parts).reduce((a, b) => a + b, 0);

/** Busy CPU seconds of the whole machine so far (every process, ours and others'), from /proc/stat. */
function machineBusySeconds(): number | null {
  if (process.platform !== "linux") return null;
  const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / TICKS_PER_SECOND;
}

/** A meter over one stretch of time: cores the product kept busy on average, and the machine. */
export function cpuMeter(rootPid: number) {
  const start = { at: performance.now(), parts: partsSeconds(rootPid), machine: machineBusySeconds() };
  return () => {
    const seconds = (performance.now() - start.at) / 1000;
    const parts = partsSeconds(rootPid);
    const machine = machineBusySeconds();
    const product = parts === null || start.parts === null ? null : sum(parts) - sum(start.parts);
    const perSecond = (used: number | null) => (used === null ? null : Math.round((used / seconds) * 100) / 100);
    return {
      cores: cpus().length,
      productCpuSeconds: product === null ? null : Math.round(product),
      productCoresBusy: perSecond(product),
      machineCoresBusy: perSecond(machine === null || start.machine === null ? null : machine - start.machine),
      /** Core-seconds per part of the product over the stretch. */
      byPart: Object.fromEntries(Object.entries(parts ?? {}).map(([part, s]) => [part, Math.round(s - (start.parts?.[part] ?? 0))])),
    };
  };
}
