import { stepActiveDeployments } from "../deploy/step-active";
import { log } from "../log";
import type { Platform } from "../platform/types";
import { recoverPending } from "../modifications/workers/lifecycle";
import { expireStaleRuns } from "../test-runs/store/stale-runs-repo";
import { collectBlobGarbage } from "../versions/blob-gc";

export type SweepReport = { projectsKicked: number; deploymentSteps: number; blobsDeleted: number; failed: string[] };

/**
 * One pass of the repair work in aws mode (server/agents/sweeper.ts, on a schedule): what the
 * local processes do on their timers (web-sweep.ts, worker-process.ts). Re-enqueues the head
 * of every project with unfinished modifications (failed sends, crashed workers), closes test
 * runs a stopped runner left active, steps unfinished deployments and, when asked (it lists
 * the whole bucket, so not every minute), collects unreferenced blobs. Each part runs even
 * when another fails; the failures are reported.
 */
export async function sweepOnce(p: Platform, o: { deploymentBudgetMs: number; pollMs: number; collectBlobs?: boolean }): Promise<SweepReport> {
  const report: SweepReport = { projectsKicked: 0, deploymentSteps: 0, blobsDeleted: 0, failed: [] };
  const part = async (name: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (e) {
      log.error("sweep part failed", { part: name, error: String(e) });
      report.failed.push(name);
    }
  };
  await part("modifications", async () => void (report.projectsKicked = await recoverPending(p)));
  await part("test-runs", () => expireStaleRuns(p.db));
  await part("deployments", async () => void (report.deploymentSteps = await stepActiveDeployments(p, { budgetMs: o.deploymentBudgetMs, pollMs: o.pollMs })));
  if (o.collectBlobs) await part("blobs", async () => void (report.blobsDeleted = (await collectBlobGarbage(p)).deleted.length));
  return report;
}
