import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { deploymentInvocations, testResults } from "../db/schema";
import { SUCCESSFUL_RUN_STATUS } from "../test-runs/store/runs-repo";

/** Averages over a project's recorded agent calls (test_results or deployment_invocations), as cost calibration reads them. */

export type CallAverages = { runs: number; avgInputTokens: number; avgOutputTokens: number; avgLatencyMs: number | null };
export type CallSource = "test-runs" | "deployment";

const TABLES = { "test-runs": testResults, deployment: deploymentInvocations } as const;

/**
 * Averages of the latest `window` successful calls of `source` that recorded their tokens.
 * Tokens are rounded to whole tokens, latency to whole milliseconds; a call without a latency
 * counts for tokens only (avgLatencyMs null when none has one).
 */
export async function averageRecentCalls(db: Db, source: CallSource, projectId: string, window: number): Promise<CallAverages> {
  const table = TABLES[source];
  const recent = db
    .select({ tokensIn: table.tokensIn, tokensOut: table.tokensOut, latency: table.latencyTotalMs })
    .from(table)
    .where(and(eq(table.projectId, projectId), eq(table.status, SUCCESSFUL_RUN_STATUS), isNotNull(table.tokensIn), isNotNull(table.tokensOut)))
    .orderBy(desc(table.createdAt), desc(table.id))
    .limit(window)
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
