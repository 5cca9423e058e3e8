import { and, eq, exists, gte, inArray, lt, not, notExists, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client";
import { testResults, testRunDetails } from "../../db/schema";
import { ACTIVE } from "./runs-repo";
import { countVerdict } from "./suites-repo";

/**
 * Closing runs no runner carries any more: a stopped runner (restart, crashed task) leaves
 * them queued or running. They are closed as errors, in one transaction, and a closed suite
 * case counts as a failed case, so its suite finishes too.
 */

/** Longer than any run, or any one case of a suite, can take from its start (wall limit, install and build included). */
export const STALE_AFTER_MS = 15 * 60_000;

const INTERRUPTED = "The run was interrupted (the runner stopped before it finished)";
const LEFT_BY_PREVIOUS_START = "The run was interrupted (the platform stopped before it finished)";

/**
 * Closes the runs of one project or (the sweepers) of all that nothing has happened to for
 * `staleAfterMs`, counted from the last of:
 * - its creation;
 * - its start (a runner took it from the line), for a running run;
 * - for a run waiting in line, the last start of a run created before it: a runner's line
 *   is first come, first served, so while the runs ahead of it keep starting the line moves,
 *   however long it is (and each of them ends within a run's limits of its start);
 * - for a suite's case, the last case of its suite to finish: a suite runs its cases one
 *   after another in one agent process (run/run-suite.ts), and while the process lives a
 *   case ends at least every case's limits apart.
 */
export async function expireStaleRuns(db: Db, projectId?: string, staleAfterMs = STALE_AFTER_MS) {
  const before = new Date(Date.now() - staleAfterMs);
  const waitingInMovingLine = and(eq(testResults.status, "queued"), exists(earlierRunStartedSince(db, before)));
  await closeActiveRuns(
    db,
    and(projectId ? eq(testResults.projectId, projectId) : undefined, lt(testResults.createdAt, before), notExists(startedSince(db, before)), not(waitingInMovingLine!), notExists(suiteProgressSince(db, before))),
    INTERRUPTED,
  );
}

/**
 * Closes every run created before `startedAt` that is still active. Locally the web process
 * owns the only runner, and a runner's runs live in its memory: a run still active that an
 * earlier process created was left by it (killed, crashed) and will never end. Runs created
 * since `startedAt` are this process's own and are left alone.
 */
export async function closeRunsCreatedBefore(db: Db, startedAt: Date) {
  await closeActiveRuns(db, lt(testResults.createdAt, startedAt), LEFT_BY_PREVIOUS_START);
}

async function closeActiveRuns(db: Db, which: SQL | undefined, error: string) {
  await db.transaction(async (tx) => {
    const closed = await tx
      .update(testResults)
      .set({ status: "error", logsExcerpt: "" })
      .where(and(inArray(testResults.status, ACTIVE), which))
      .returning({ id: testResults.id });
    if (closed.length === 0) return;
    const details = await tx
      .update(testRunDetails)
      .set({ error, finishedAt: new Date() })
      .where(inArray(testRunDetails.resultId, closed.map((s) => s.id)))
      .returning({ suiteRunId: testRunDetails.suiteRunId });
    for (const d of details) if (d.suiteRunId) await countVerdict(tx as unknown as Db, d.suiteRunId, false);
  });
}

/** The run being updated started at or after `since`. */
function startedSince(db: Db, since: Date) {
  const own = alias(testRunDetails, "own_start");
  return db
    .select({ one: sql`1` })
    .from(own)
    .where(and(eq(own.resultId, testResults.id), gte(own.startedAt, since)));
}

/** A run created before the run being updated (ahead of it in line) started at or after `since`. */
function earlierRunStartedSince(db: Db, since: Date) {
  const earlier = alias(testResults, "earlier");
  const earlierDetails = alias(testRunDetails, "earlier_details");
  return db
    .select({ one: sql`1` })
    .from(earlierDetails)
    .innerJoin(earlier, eq(earlier.id, earlierDetails.resultId))
    .where(and(gte(earlierDetails.startedAt, since), lt(earlier.createdAt, testResults.createdAt)));
}

/** A case of the suite of the run being updated finished at or after `since` (none for a run outside a suite). */
function suiteProgressSince(db: Db, since: Date) {
  const own = alias(testRunDetails, "own");
  const sibling = alias(testRunDetails, "sibling");
  return db
    .select({ one: sql`1` })
    .from(own)
    .innerJoin(sibling, eq(sibling.suiteRunId, own.suiteRunId))
    .where(and(eq(own.resultId, testResults.id), gte(sibling.finishedAt, since)));
}
