import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { testResults, testRunDetails } from "../../db/schema";
import { parseJsonColumn } from "../../db/json-column";
import { notFound } from "../../errors";
import { MAX_OUTPUT_CHARS } from "../limits";
import type { RunEvent, RunOutcome, RunStatus, ToolCallRecord } from "../types";
import { detailsColumn, StoredChecks, StoredEvents, StoredToolCalls } from "./details-json";

/** test_results (the metrics row the cost estimate also reads) plus test_run_details. */

export type RunSummary = {
  id: string;
  projectId: string;
  versionId: string | null;
  input: string;
  output: string;
  status: RunStatus;
  modelUsed: string;
  latencyFirstTokenMs: number | null;
  latencyTotalMs: number | null;
  tokensIn: number | null;
  tokensOut: number | null;
  costUsd: number | null;
  error: string | null;
  suiteRunId: string | null;
  createdAt: Date;
};
export type RunDetail = RunSummary & { logsExcerpt: string; events: RunEvent[]; toolCalls: ToolCallRecord[]; testCaseId: string | null; passed: boolean | null; checks: unknown[] | null };

/** The statuses of a run not finished yet (a runner still has it, or one left it). */
export const ACTIVE: RunStatus[] = ["queued", "running"];

/** The run and its details row in one transaction: a run is never stored without its details. */
export async function insertRun(db: Db, row: { id: string; projectId: string; versionId: string; input: string; modelUsed: string; suiteRunId?: string; testCaseId?: string; reportTokenHash?: string }) {
  await db.transaction(async (tx) => {
    await tx.insert(testResults).values({ id: row.id, projectId: row.projectId, versionId: row.versionId, input: row.input, status: "queued", modelUsed: row.modelUsed });
    await tx.insert(testRunDetails).values({ resultId: row.id, suiteRunId: row.suiteRunId ?? null, testCaseId: row.testCaseId ?? null, reportTokenHash: row.reportTokenHash ?? null });
  });
}

/** The run left the line: a runner began it (its start is what stale-run expiry counts from). */
export async function markRunning(db: Db, id: string) {
  await db.transaction(async (tx) => {
    const started = await tx.update(testResults).set({ status: "running" }).where(and(eq(testResults.id, id), eq(testResults.status, "queued"))).returning({ id: testResults.id });
    if (started.length > 0) await tx.update(testRunDetails).set({ startedAt: new Date() }).where(eq(testRunDetails.resultId, id));
  });
}

/**
 * Stores the outcome once: a second report of the same run (a retried post from a runner
 * task) finds the row finished and changes nothing. Returns false then.
 */
export async function storeOutcome(db: Db, id: string, o: RunOutcome, costUsd: number | null): Promise<boolean> {
  // One transaction: a finished run always has its events, tool calls and error with it.
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(testResults)
      .set({
        status: o.status,
        output: o.output.slice(0, MAX_OUTPUT_CHARS),
        modelUsed: o.model.label,
        latencyFirstTokenMs: o.firstTokenMs,
        latencyTotalMs: o.totalMs,
        tokensIn: o.tokensIn,
        tokensOut: o.tokensOut,
        costUsd: costUsd === null ? null : costUsd.toFixed(6),
        logsExcerpt: o.logsExcerpt,
      })
      .where(and(eq(testResults.id, id), inArray(testResults.status, ACTIVE)))
      .returning({ id: testResults.id });
    if (updated.length === 0) return false;
    await tx.update(testRunDetails).set({ events: o.events, toolCalls: o.toolCalls, error: o.error, finishedAt: new Date() }).where(eq(testRunDetails.resultId, id));
    return true;
  });
}

export async function storeVerdict(db: Db, id: string, passed: boolean, checks: unknown[]) {
  await db.update(testRunDetails).set({ passed, checks }).where(eq(testRunDetails.resultId, id));
}

const columns = {
  id: testResults.id,
  projectId: testResults.projectId,
  versionId: testResults.versionId,
  input: testResults.input,
  output: testResults.output,
  status: testResults.status,
  modelUsed: testResults.modelUsed,
  latencyFirstTokenMs: testResults.latencyFirstTokenMs,
  latencyTotalMs: testResults.latencyTotalMs,
  tokensIn: testResults.tokensIn,
  tokensOut: testResults.tokensOut,
  costUsd: testResults.costUsd,
  error: testRunDetails.error,
  suiteRunId: testRunDetails.suiteRunId,
  createdAt: testResults.createdAt,
};

type Row = { [K in keyof typeof columns]: unknown };
const summary = (r: Row): RunSummary => ({ ...(r as RunSummary), status: r.status as RunStatus, costUsd: r.costUsd === null ? null : Number(r.costUsd) });

export async function listRuns(db: Db, projectId: string, o: { versionId?: string; limit?: number } = {}): Promise<RunSummary[]> {
  const where = o.versionId ? and(eq(testResults.projectId, projectId), eq(testResults.versionId, o.versionId)) : eq(testResults.projectId, projectId);
  const rows = await db.select(columns).from(testResults).leftJoin(testRunDetails, eq(testRunDetails.resultId, testResults.id)).where(where).orderBy(desc(testResults.createdAt), desc(testResults.id)).limit(o.limit ?? 50);
  return rows.map(summary);
}

/** A run of the project (ownership of the project is checked by the caller); NOT_FOUND otherwise. */
export async function getRun(db: Db, projectId: string, id: string): Promise<RunDetail> {
  const [row] = await db
    .select({ ...columns, logsExcerpt: testResults.logsExcerpt, events: testRunDetails.events, toolCalls: testRunDetails.toolCalls, testCaseId: testRunDetails.testCaseId, passed: testRunDetails.passed, checks: testRunDetails.checks })
    .from(testResults)
    .leftJoin(testRunDetails, eq(testRunDetails.resultId, testResults.id))
    .where(and(eq(testResults.id, id), eq(testResults.projectId, projectId)))
    .limit(1);
  if (!row) throw notFound("Test run", id);
  const events: RunEvent[] = parseJsonColumn(StoredEvents, row.events ?? [], detailsColumn("events", id));
  const toolCalls: ToolCallRecord[] = parseJsonColumn(StoredToolCalls, row.toolCalls ?? [], detailsColumn("tool_calls", id));
  const checks = parseJsonColumn(StoredChecks, row.checks ?? null, detailsColumn("checks", id));
  return { ...summary(row), logsExcerpt: row.logsExcerpt, events, toolCalls, testCaseId: row.testCaseId, passed: row.passed, checks };
}

/** The stored report-token hash and project of a run (for the runner task's reports). */
export async function runForReport(db: Db, id: string) {
  const [row] = await db
    .select({ projectId: testResults.projectId, versionId: testResults.versionId, input: testResults.input, status: testResults.status, tokenHash: testRunDetails.reportTokenHash })
    .from(testResults)
    .innerJoin(testRunDetails, eq(testRunDetails.resultId, testResults.id))
    .where(eq(testResults.id, id))
    .limit(1);
  return row ?? null;
}

/** The status a run that finished normally has (the cost calibration and the workflow read it too). */
export const SUCCESSFUL_RUN_STATUS = "succeeded";

/** Whether the project has at least one run that finished normally. */
export async function hasSuccessfulRun(db: Db, projectId: string): Promise<boolean> {
  const [row] = await db.select({ id: testResults.id }).from(testResults).where(and(eq(testResults.projectId, projectId), eq(testResults.status, SUCCESSFUL_RUN_STATUS))).limit(1);
  return row !== undefined;
}

export type CaseMetrics = { suiteRunId: string | null; checks: unknown[] | null; latency: number | null; tokensIn: number | null; tokensOut: number | null; cost: string | null };

/** Checks and metrics of every case run of the given suite runs. */
export async function listCaseMetrics(db: Db, suiteRunIds: string[]): Promise<CaseMetrics[]> {
  if (suiteRunIds.length === 0) return [];
  const rows = await db
    .select({ id: testResults.id, suiteRunId: testRunDetails.suiteRunId, checks: testRunDetails.checks, latency: testResults.latencyTotalMs, tokensIn: testResults.tokensIn, tokensOut: testResults.tokensOut, cost: testResults.costUsd })
    .from(testRunDetails)
    .innerJoin(testResults, eq(testResults.id, testRunDetails.resultId))
    .where(inArray(testRunDetails.suiteRunId, suiteRunIds));
  return rows.map(({ id, ...r }) => ({ ...r, checks: parseJsonColumn(StoredChecks, r.checks ?? null, detailsColumn("checks", id)) }));
}
