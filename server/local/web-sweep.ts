import { resumeDeployments } from "../deploy/watch";
import type { Platform } from "../platform/types";
import { expireStaleRuns } from "../testing/store/runs-repo";

/**
 * The repair work of the web process, which owns PGlite: closing test runs a stopped runner
 * left active (a transaction, which cannot cross to the worker process; queries never do it)
 * and resuming unfinished deployments. The worker process sweeps modifications.
 */
export async function sweepWebProcess(platform: Platform): Promise<void> {
  await expireStaleRuns(platform.db);
  await resumeDeployments(platform);
}
