import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { deploymentInvocations, testResults } from "../db/schema";

/**
 * Averages over the agent's real calls, as calibrateUsage takes them, except that a latency
 * may be unknown. `source` says where they come from: calls to the deployed agent, or test runs.
 */
export type Calibration = { runs: number; avgInputTokens: number; avgOutputTokens: number; avgLatencyMs: number | null; source: "deployment" | "test-runs" };

/** The status the test-run and invoke features write for a call that finished normally. */
export const SUCCESSFUL_RUN_STATUS = "succeeded";
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

type Source = typeof testResults | typeof deploymentInvocations;

/** Averages of the latest successful rows of `table` that recorded their tokens. */
async function averages(db: Db, table: Source, projectId: string): Promise<Omit<Calibration, "source">> {
  const recent = db
    .select({ tokensIn: table.tokensIn, tokensOut: table.tokensOut, latency: table.latencyTotalMs })
    .from(table)
    .where(and(eq(table.projectId, projectId), eq(table.status, SUCCESSFUL_RUN_STATUS), isNotNull(table.tokensIn), isNotNull(table.tokensOut)))
    .orderBy(desc(table.createdAt), desc(table.id))
    .limit(CALIBRATION_WINDOW)
    .as("recent");
  const [row] = await db
    .select({
      runs: sql<number>`count(*)::int`,
      avgIn: sql<string | null>`avg(${recent.tokensIn})`,
      avgOut: sql<string | null>`avg(${recent.tokensOut})`,
      avgLatency: sql<string | null>`avg(${recent.latency})`,
    })
    .from(recent);
  const runs = Number(row?.runs ?? 0);
  const num = (v: string | null | undefined) => (v === null || v === undefined ? null : Math.round(Number(v)));
  return { runs, avgInputTokens: num(row?.avgIn) ?? 0, avgOutputTokens: num(row?.avgOut) ?? 0, avgLatencyMs: num(row?.avgLatency) };
}

/**
 * What the project's cost is calibrated from: the latest successful calls to its deployed
 * agent when there are at least MIN_DEPLOYED_INVOCATIONS of them, else its latest successful
 * test runs (`runs: 0` when there are none). Tokens are rounded to whole tokens, latency to
 * whole milliseconds; a call without a latency counts for tokens only (avgLatencyMs null
 * when none has one).
 */
export async function measuredUsage(db: Db, projectId: string): Promise<Calibration> {
  const deployed = await averages(db, deploymentInvocations, projectId);
  if (deployed.runs >= MIN_DEPLOYED_INVOCATIONS) return { ...deployed, source: "deployment" };
  return { ...(await averages(db, testResults, projectId)), source: "test-runs" };
}
