import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { generatedCode, suiteRuns, testCases, testResults, testRunDetails } from "../../db/schema";
import { parseJsonColumn } from "../../db/json-column";
import { notFound } from "../../errors";
import { detailsColumn, StoredChecks } from "./details-json";

/** Suite runs: one per "run all test cases against a version", with pass/fail counts. */

export type SuiteRun = { id: string; projectId: string; versionId: string; status: "running" | "done"; total: number; passed: number; failed: number; createdAt: Date; finishedAt: Date | null };

export async function insertSuiteRun(db: Db, row: { id: string; projectId: string; versionId: string; total: number }) {
  await db.insert(suiteRuns).values({ ...row, status: "running" });
}

/**
 * Counts one case's verdict. One UPDATE adds to the counters and closes the suite when the
 * last verdict arrives, so concurrent runs finishing at once never lose a count.
 */
export async function countVerdict(db: Db, suiteRunId: string, passed: boolean) {
  const p = passed ? 1 : 0;
  const f = passed ? 0 : 1;
  await db
    .update(suiteRuns)
    .set({
      passed: sql`${suiteRuns.passed} + ${p}`,
      failed: sql`${suiteRuns.failed} + ${f}`,
      status: sql`case when ${suiteRuns.passed} + ${suiteRuns.failed} + 1 >= ${suiteRuns.total} then 'done' else 'running' end`,
      finishedAt: sql`case when ${suiteRuns.passed} + ${suiteRuns.failed} + 1 >= ${suiteRuns.total} then now() else null end`,
    })
    .where(eq(suiteRuns.id, suiteRunId));
}

export async function getSuiteRun(db: Db, projectId: string, id: string): Promise<SuiteRun> {
  const [row] = await db.select().from(suiteRuns).where(and(eq(suiteRuns.id, id), eq(suiteRuns.projectId, projectId))).limit(1);
  if (!row) throw notFound("Suite run", id);
  return row as SuiteRun;
}

/** The cases of a suite run with each one's run and verdict. */
export async function suiteCaseResults(db: Db, suiteRunId: string) {
  const rows = await db
    .select({
      runId: testResults.id,
      testCaseId: testRunDetails.testCaseId,
      caseName: testCases.name,
      input: testResults.input,
      status: testResults.status,
      output: testResults.output,
      latencyTotalMs: testResults.latencyTotalMs,
      passed: testRunDetails.passed,
      checks: testRunDetails.checks,
    })
    .from(testRunDetails)
    .innerJoin(testResults, eq(testResults.id, testRunDetails.resultId))
    .leftJoin(testCases, eq(testCases.id, testRunDetails.testCaseId))
    .where(eq(testRunDetails.suiteRunId, suiteRunId))
    .orderBy(asc(testResults.createdAt), asc(testResults.id));
  return rows.map((r) => ({ ...r, checks: parseJsonColumn(StoredChecks, r.checks ?? null, detailsColumn("checks", r.runId)) }));
}

export type SuitePoint = { versionId: string; version: number; suiteRunId: string; status: string; passed: number; failed: number; total: number; passRate: number | null; createdAt: Date };

/** The latest suite run of each version, oldest version first: the pass rate over versions. */
export async function suiteHistory(db: Db, projectId: string): Promise<SuitePoint[]> {
  const rows = await db
    .select({ s: suiteRuns, version: generatedCode.version })
    .from(suiteRuns)
    .innerJoin(generatedCode, eq(generatedCode.id, suiteRuns.versionId))
    .where(eq(suiteRuns.projectId, projectId))
    .orderBy(asc(generatedCode.version), desc(suiteRuns.createdAt), desc(suiteRuns.id));
  const latest = new Map<string, SuitePoint>();
  for (const { s, version } of rows) {
    if (latest.has(s.versionId)) continue;
    const judged = s.passed + s.failed;
    latest.set(s.versionId, { versionId: s.versionId, version, suiteRunId: s.id, status: s.status, passed: s.passed, failed: s.failed, total: s.total, passRate: judged > 0 ? s.passed / s.total : null, createdAt: s.createdAt });
  }
  return [...latest.values()];
}
