import { getPlatform } from "../platform";
import { sweepOnce, type SweepReport } from "../sweep/sweep";

/**
 * The scheduled sweeper (stacks/sweeper.ts: every minute, 60 s timeout). Deployments are
 * stepped for at most 40 s, every 3 s as a watcher would, leaving the rest of the timeout
 * for the other parts; the next run goes on from the database.
 */
export const SWEEP = { deploymentBudgetMs: 40_000, pollMs: 3_000 } as const;

export async function handler(): Promise<SweepReport> {
  // Blob garbage lists the whole bucket: once an hour, in the run at minute 0.
  const report = await sweepOnce(await getPlatform(), { ...SWEEP, collectBlobs: new Date().getUTCMinutes() === 0 });
  // A part that failed fails the invocation, so the Errors alarm sees it (the others still ran).
  if (report.failed.length > 0) throw new Error(`sweep parts failed: ${report.failed.join(", ")}`);
  return report;
}
