import { pingDatabase } from "../db/ping";
import type { Platform } from "../platform";

/**
 * How long one store check answers for. Load balancers and monitors poll `health.check`;
 * under load, a Postgres round trip per call was a third of its CPU profile (bench/README.md).
 */
const STORE_CHECK_MS = 1000;
const checks = new WeakMap<Platform, { at: number; done: Promise<unknown> }>();

function checkStores(platform: Platform): Promise<unknown> {
  const last = checks.get(platform);
  if (last && Date.now() - last.at < STORE_CHECK_MS) return last.done;
  // One promise that every caller within the window shares.
  const done = pingDatabase(platform.db);
  checks.set(platform, { at: Date.now(), done });
  done.catch(() => checks.delete(platform)); // a failed check is retried by the next call
  return done;
}

export type HealthStatus = { ok: true; runtime: Platform["runtime"] };

/** Liveness of the API and its stores: the stores answered within the last second. */
export async function healthStatus(platform: Platform): Promise<HealthStatus> {
  await checkStores(platform);
  return { ok: true, runtime: platform.runtime };
}
