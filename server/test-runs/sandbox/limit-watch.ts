import type { SandboxLimits } from "../limits";

/** Why a watched tree was killed early; run-sandboxed.ts classifies the exit by it. */
export type Kill = "timeout" | "cpu_limit" | "output_limit";

/** The running tree, as a watch sees it. */
export type WatchedTree = {
  /** CPU time of the tree so far (null without a cgroup: no CPU limit is then watched). */
  cpuMs(): number | null;
  kill(reason: Kill): void;
};

export type LimitWatch = {
  /** Counts output bytes against the limit; false once over it (the tree is being killed). */
  count(bytes: number): boolean;
  /** Output bytes counted so far. */
  bytes(): number;
  stop(): void;
};

const CPU_POLL_MS = 200;

/**
 * Holds a process tree to wall time, CPU time and output size counted from now, and kills it
 * with the limit as its reason when one is passed. The one place these three limits are
 * enforced: the sandbox watches a whole run with one (run-sandboxed.ts), a suite starts one per
 * case inside its process (run/suite-cases.ts), so each case keeps a single run's limits.
 */
export function watchLimits(limits: SandboxLimits, tree: WatchedTree): LimitWatch {
  const cpuAtStart = tree.cpuMs();
  let bytes = 0;
  const wall = setTimeout(() => tree.kill("timeout"), limits.wallMs);
  const cpu =
    cpuAtStart === null
      ? undefined
      : setInterval(() => {
          const used = tree.cpuMs();
          if (used !== null && used - cpuAtStart > limits.cpuSeconds * 1000) tree.kill("cpu_limit");
        }, CPU_POLL_MS);
  return {
    count(n) {
      bytes += n;
      if (bytes <= limits.outputBytes) return true;
      tree.kill("output_limit");
      return false;
    },
    bytes: () => bytes,
    stop() {
      clearTimeout(wall);
      clearInterval(cpu);
    },
  };
}
