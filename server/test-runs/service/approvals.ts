import { z } from "zod";
import type { Db } from "../../db/client";
import { DomainError, notFound } from "../../errors";
import { getOwnedProject } from "../../projects/service";
import { claimDecision, getApproval, type ApprovalRow } from "../store/approvals-repo";
import { runForReport } from "../store/runs-repo";
import type { TestRunner } from "../types";
import { RunId } from "./runs";

/**
 * A person's decision on an approval a running test agent waits for (spec.approval): claimed
 * once in test_run_approvals, then handed to the runner, which feeds it to the agent (local:
 * its stdin; aws: the task fetches it). The agent then streams its approval_decision and goes on.
 */

export const DecideApprovalInput = z.object({
  runId: RunId,
  approvalId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, "is not an approval id"),
  decision: z.enum(["approve", "deny"]),
});
export type DecideApprovalInput = z.infer<typeof DecideApprovalInput>;

const DONE: Record<string, string> = { approve: "approved", deny: "denied", timeout: "denied because no one answered in time" };

const conflict = (a: ApprovalRow, why: string) => new DomainError("conflict", `Approval ${a.id} (${a.tool}) ${why}`, { approvalId: a.id, decision: a.decision });

/** The run's owner decides; another user's run, or an approval the run never asked for, is NOT_FOUND. */
export async function decideApproval(d: { platform: { db: Db }; runner: Pick<TestRunner, "deliverDecision"> }, userId: string, raw: DecideApprovalInput) {
  const input = DecideApprovalInput.parse(raw);
  const db = d.platform.db;
  const run = await runForReport(db, input.runId);
  if (!run || !(await getOwnedProject(db, userId, run.projectId).catch(() => null))) throw notFound("Test run", input.runId);
  const approval = await getApproval(db, input.runId, input.approvalId);
  if (!approval) throw notFound("Approval", input.approvalId);
  if (approval.decision) throw conflict(approval, `was already ${DONE[approval.decision] ?? approval.decision}`);
  if (run.status !== "queued" && run.status !== "running") throw conflict(approval, "can no longer be decided: the run has finished");
  if (approval.expiresAt.getTime() <= Date.now()) throw conflict(approval, `expired at ${approval.expiresAt.toISOString()} and was denied`);
  if (!(await claimDecision(db, input.runId, input.approvalId, input.decision))) {
    const now = await getApproval(db, input.runId, input.approvalId);
    throw conflict(now ?? approval, `was already ${DONE[now?.decision ?? ""] ?? "decided"}`);
  }
  const delivered = await d.runner.deliverDecision(input.runId, { approvalId: input.approvalId, decision: input.decision });
  if (!delivered) throw conflict(approval, "can no longer be decided: the agent is not running");
  return { runId: input.runId, approvalId: input.approvalId, decision: input.decision };
}
