import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { testResults } from "../db/schema";

/** Averages over test runs, as calibrateUsage takes them, except that a latency may be unknown. */
export type Calibration = { runs: number; avgInputTokens: number; avgOutputTokens: number; avgLatencyMs: number | null };

/** The status the test-run feature writes for a run that finished normally. */
export const SUCCESSFUL_RUN_STATUS = "succeeded";
/**
 * Only the latest runs count: older ones may have used another model, prompt or tool set,
 * and an average over the recent past follows the agent as it changes.
 */
export const CALIBRATION_WINDOW = 50;

/**
 * Averages of the project's latest successful test runs that recorded their tokens
 * (`runs: 0` when there are none). Tokens are rounded to whole tokens, latency to whole
 * milliseconds; a run without a latency counts for tokens only (avgLatencyMs null when
 * no run has one).
 */
export async function measuredUsage(db: Db, projectId: string): Promise<Calibration> {
  const recent = db
    .select({ tokensIn: testResults.tokensIn, tokensOut: testResults.tokensOut, latency: testResults.latencyTotalMs })
    .from(testResults)
    .where(and(eq(testResults.projectId, projectId), eq(testResults.status, SUCCESSFUL_RUN_STATUS), isNotNull(testResults.tokensIn), isNotNull(testResults.tokensOut)))
    .orderBy(desc(testResults.createdAt), desc(testResults.id))
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
