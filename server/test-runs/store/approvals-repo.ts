import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { testRunApprovals } from "../../db/schema";
import { log } from "../../log";
import type { RunEvent } from "../types";

/** test_run_approvals: what a running agent asked a person to approve, and the one decision taken. */

export type ApprovalRow = typeof testRunApprovals.$inferSelect;
export type ApprovalDecision = "approve" | "deny";

/** The agent's expiry is its own claim: unreadable or absurd values fall back to the spec's default (300 s). */
function expiryOf(claimed: string, now = Date.now()): Date {
  const at = Date.parse(claimed);
  return Number.isFinite(at) && at > now - 60_000 && at < now + 3_600_000 ? new Date(at) : new Date(now + 300_000);
}

/** Records an approval_request (pending) or approval_decision (its outcome) the agent streamed; other events are ignored. */
export async function recordApprovalEvent(db: Db, runId: string, e: RunEvent): Promise<void> {
  if (e.type === "approval_request") {
    await db.insert(testRunApprovals).values({ runId, id: e.id, tool: e.tool, expiresAt: expiryOf(e.expiresAt) }).onConflictDoNothing();
  } else if (e.type === "approval_decision") {
    // A person's decision was claimed before it reached the agent; only the agent's own timeout is new here.
    await db
      .update(testRunApprovals)
      .set({ decision: e.decision, decidedAt: new Date() })
      .where(and(eq(testRunApprovals.runId, runId), eq(testRunApprovals.id, e.id), isNull(testRunApprovals.decision)));
  }
}

export async function getApproval(db: Db, runId: string, id: string): Promise<ApprovalRow | null> {
  const [row] = await db.select().from(testRunApprovals).where(and(eq(testRunApprovals.runId, runId), eq(testRunApprovals.id, id))).limit(1);
  return row ?? null;
}

/** Sets the decision of a still-pending approval; false when another decision (or the timeout) came first. */
export async function claimDecision(db: Db, runId: string, id: string, decision: ApprovalDecision): Promise<boolean> {
  const rows = await db
    .update(testRunApprovals)
    .set({ decision, decidedAt: new Date() })
    .where(and(eq(testRunApprovals.runId, runId), eq(testRunApprovals.id, id), isNull(testRunApprovals.decision)))
    .returning({ id: testRunApprovals.id });
  return rows.length === 1;
}

/** Decisions of a run taken by a person, for a runner that fetches them (aws mode). */
export async function decidedApprovals(db: Db, runId: string): Promise<Array<{ id: string; decision: ApprovalDecision }>> {
  const rows = await db.select({ id: testRunApprovals.id, decision: testRunApprovals.decision }).from(testRunApprovals).where(eq(testRunApprovals.runId, runId));
  return rows.flatMap((r) => (r.decision === "approve" || r.decision === "deny" ? [{ id: r.id, decision: r.decision }] : []));
}

/** Keeps test_run_approvals in step with the approval events a run streams (never fails the stream). */
export async function trackApprovalEvent(db: Db, runId: string, e: RunEvent): Promise<void> {
  if (e.type !== "approval_request" && e.type !== "approval_decision") return;
  await recordApprovalEvent(db, runId, e).catch((err: unknown) => log.warn("approval event not recorded", { runId, error: String(err) }));
}
