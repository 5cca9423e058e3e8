import { resumeDeployments } from "../deploy/watch";
import type { Platform } from "../platform/types";
import { expireStaleRuns } from "../test-runs/store/stale-runs-repo";
import { collectBlobGarbage } from "../versions/blob-gc";

/** Blob garbage is collected at most once an hour (it lists every content-addressed blob). */
const BLOB_GC_EVERY_MS = 60 * 60_000;
let lastBlobGc = 0;

/**
 * The repair work of the web process, which owns PGlite: closing test runs a stopped runner
 * left active (a transaction, which cannot cross to the worker process; queries never do it)
 * resuming unfinished deployments, and collecting unreferenced blobs (versions/blob-gc.ts).
 * The worker process sweeps modifications.
 */
export async function sweepWebProcess(platform: Platform): Promise<void> {
  await expireStaleRuns(platform.db);
  await resumeDeployments(platform);
  if (Date.now() - lastBlobGc >= BLOB_GC_EVERY_MS) {
    lastBlobGc = Date.now();
    await collectBlobGarbage(platform);
  }
}
