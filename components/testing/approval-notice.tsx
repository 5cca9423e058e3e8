"use client";

import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";

const json = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v, null, 2));

const OUTCOME: Record<string, { text: string; tone: string }> = {
  approve: { text: "approved", tone: "border-emerald-300 bg-emerald-50 text-emerald-900" },
  deny: { text: "denied", tone: "border-red-300 bg-red-50 text-red-900" },
  timeout: { text: "denied: no decision in time", tone: "border-red-300 bg-red-50 text-red-900" },
};

const clock = (iso: string) => {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? null : at.toLocaleTimeString();
};

export type ApprovalRequest = { id: string; tool: string; input: unknown; expiresAt: string };

/**
 * A tool call that waits for a person's approval (spec.approval), as it streams in a run.
 * `decide` is given while the run is live and the approval still open: Approve / Deny then
 * reach the running agent (testing.decideApproval), which goes on and streams the outcome.
 */
export function ApprovalRequestNotice({ request, decide }: { request: ApprovalRequest; decide?: { runId: string } }) {
  const until = clock(request.expiresAt);
  return (
    <div data-testid="console-approval-request" data-approval-id={request.id} role="status" className="rounded-md border border-sky-300 bg-sky-50 px-3 py-2">
      <p className="font-medium text-sky-900">The agent asks to run {request.tool}</p>
      <p className="text-xs text-sky-800">This tool has side effects, so the agent&apos;s approval step (spec.approval) pauses it for a person{until ? `; with no answer by ${until} it is denied` : ""}.</p>
      <pre className="mt-1 max-h-40 overflow-auto text-xs text-sky-900" aria-label={`Arguments of ${request.tool}`}>{json(request.input)}</pre>
      {decide && <ApprovalButtons runId={decide.runId} request={request} />}
    </div>
  );
}

function ApprovalButtons({ runId, request }: { runId: string; request: ApprovalRequest }) {
  const trpc = useTRPC();
  const decision = useMutation(trpc.testing.decideApproval.mutationOptions());
  const sent = decision.isSuccess ? decision.data.decision : null;
  const send = (d: "approve" | "deny") => decision.mutate({ runId, approvalId: request.id, decision: d });
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2 font-sans">
      <Button type="button" onClick={() => send("approve")} busy={decision.isPending && decision.variables?.decision === "approve"} disabled={decision.isPending || !!sent}>
        Approve
      </Button>
      <Button type="button" variant="danger" onClick={() => send("deny")} busy={decision.isPending && decision.variables?.decision === "deny"} disabled={decision.isPending || !!sent}>
        Deny
      </Button>
      {sent && <span className="text-xs text-sky-900">{sent === "approve" ? "Approved" : "Denied"}; the agent goes on…</span>}
      {decision.error && <span role="alert" className="text-xs text-red-700">{decision.error.message}</span>}
    </div>
  );
}

/** How an approval ended: approved, denied, or denied because no one answered in time. */
export function ApprovalDecisionNotice({ tool, decision }: { tool: string; decision: string }) {
  const o = OUTCOME[decision] ?? OUTCOME.deny!;
  return (
    <p data-testid="console-approval-decision" data-decision={decision} className={`rounded-md border px-3 py-1 text-xs font-medium ${o.tone}`}>
      {tool}: {o.text}
    </p>
  );
}
