import { getPriority, setPriority } from "node:os";

/**
 * The workers' pipelines (and the rehearsals they start) run at a lower CPU priority than the
 * web process: on a machine with few cores a page's read is served first and the pipelines,
 * whose progress arrives as events, take the cores left over. Test runs keep normal priority:
 * a user watches their output stream. Children inherit it; raising niceness needs no privilege.
 * Measured (`npm run bench load`, 50 users × 60 s, 2 cores): reads p50 3-4× lower.
 */
export const BACKGROUND_NICENESS = 10;
const LOWEST = 19;

export function runInBackground(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    // Relative to the web process: a launcher already started with `nice` keeps the gap.
    setPriority(pid, Math.min(LOWEST, getPriority() + BACKGROUND_NICENESS));
  } catch {
    // Already gone, or an OS without niceness: it runs at normal priority, which is only slower for pages.
  }
}
