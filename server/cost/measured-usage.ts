import type { Db } from "../db/client";
import { averageRecentCalls } from "./calibration-repo";

/**
 * Averages over the agent's real calls, as calibrateUsage takes them, except that a latency
 * may be unknown. `source` says where they come from: calls to the deployed agent, or test runs.
 */
export type Calibration = { runs: number; avgInputTokens: number; avgOutputTokens: number; avgLatencyMs: number | null; source: "deployment" | "test-runs" };

/**
 * Only the latest runs count: older ones may have used another model, prompt or tool set,
 * and an average over the recent past follows the agent as it changes.
 */
export const CALIBRATION_WINDOW = 50;
/**
 * Calls to the deployed agent replace the test runs once there are this many: real
 * traffic is what the bill follows, but a handful of calls someone made by hand says
 * less than a test suite does.
 */
export const MIN_DEPLOYED_INVOCATIONS = 10;

/**
 * What the project's cost is calibrated from: the latest successful calls to its deployed
 * agent when there are at least MIN_DEPLOYED_INVOCATIONS of them, else its latest successful
 * test runs (`runs: 0` when there are none). Tokens are rounded to whole tokens, latency to
 * whole milliseconds; a call without a latency counts for tokens only (avgLatencyMs null
 * when none has one).
 */
export async function measuredUsage(db: Db, projectId: string): Promise<Calibration> {
  const deployed = await averageRecentCalls(db, "deployment", projectId, CALIBRATION_WINDOW);
  if (deployed.runs >= MIN_DEPLOYED_INVOCATIONS) return { ...deployed, source: "deployment" };
  return { ...(await averageRecentCalls(db, "test-runs", projectId, CALIBRATION_WINDOW)), source: "test-runs" };
}
