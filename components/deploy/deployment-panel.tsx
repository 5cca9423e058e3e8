"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { Fragment } from "react";
import type { AppRouter } from "../../server/api/root";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import type { TimelineEvent } from "./use-deploy-events";

type Deployment = inferRouterOutputs<AppRouter>["deploy"]["get"];
type Change = { action: string; logicalId: string; type: string; replacement: string | null; iam: boolean };

const STATUS_TEXT: Record<string, string> = {
  pending: "Starting", uploading: "Uploading the artifact", building: "Building the ARM64 image (CodeBuild)", packaging: "Packaging the Lambda function (package-lambda.sh)", creating_change_set: "Creating the change set",
  review: "Review the change set", executing: "Deploying", deleting: "Deleting the stack", succeeded: "Deployed", failed: "Failed",
  cancelled: "Change set rejected", no_changes: "No changes to deploy", destroyed: "Stack deleted",
};

/** One deployment: its status, the change set to review (adds, replacements, IAM highlighted), the live timeline and the outputs. */
export function DeploymentPanel({ d, timeline, onApprove, onReject, busy }: { d: Deployment; timeline: TimelineEvent[]; onApprove: () => void; onReject: () => void; busy: boolean }) {
  const changes = (d.changes ?? []) as Change[];
  return (
    <Card data-testid="deploy-deployment">
      <div className="flex items-center justify-between">
        <h3 className="font-semibold">{d.kind === "destroy" ? `Destroy the ${d.environment} stack (v${d.version})` : `${d.kind === "rollback" ? "Rollback" : "Deploy"} v${d.version} to ${d.environment}`}</h3>
        <span className="text-sm" data-testid="deploy-status" data-status={d.status}>{STATUS_TEXT[d.status] ?? d.status}</span>
      </div>
      {d.error && <p role="alert" className="mt-2 text-sm text-red-700">{d.error}</p>}
      {changes.length > 0 && (
        <table className="mt-3 w-full text-left text-xs" data-testid="deploy-changes">
          <thead><tr className="text-slate-500"><th>Action</th><th>Resource</th><th>Type</th><th>Replacement</th></tr></thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.logicalId} className={c.iam ? "bg-amber-50" : c.replacement === "True" ? "bg-red-50" : c.action === "Add" ? "bg-emerald-50" : ""}>
                <td>{c.action}</td><td><code>{c.logicalId}</code>{c.iam && <strong className="ml-1 text-amber-700">IAM</strong>}</td><td>{c.type}</td><td>{c.replacement ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {d.status === "review" && (
        <div className="mt-3 flex gap-2">
          <Button busy={busy} onClick={onApprove} data-testid="deploy-approve">Approve and deploy</Button>
          <Button variant="secondary" disabled={busy} onClick={onReject}>Reject</Button>
        </div>
      )}
      {timeline.length > 0 && (
        <ol className="mt-3 max-h-64 overflow-y-auto border-l border-slate-200 pl-3 text-xs" data-testid="deploy-timeline">
          {timeline.map((e) => (
            <li key={e.id} className={/FAILED|ROLLBACK/.test(e.status) ? "text-red-700" : /SKIPPED/.test(e.status) ? "text-amber-700" : /COMPLETE/.test(e.status) ? "text-emerald-700" : "text-slate-600"}>
              <time className="text-slate-400">{new Date(e.timestamp).toLocaleTimeString()}</time> <code>{e.logicalId}</code> {e.status}{e.reason ? ` — ${e.reason}` : ""}
            </li>
          ))}
        </ol>
      )}
      {d.outputs && Object.keys(d.outputs).length > 0 && (
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-3 text-xs" data-testid="deploy-outputs">
          {Object.entries(d.outputs).map(([k, v]) => <Fragment key={k}><dt className="font-medium">{k}</dt><dd className="break-all"><code>{v}</code></dd></Fragment>)}
        </dl>
      )}
      {d.kind === "destroy" && Array.isArray(d.retained) && (
        <p className="mt-2 text-xs text-slate-600">Retained by CloudFormation: {(d.retained as { logicalId: string; type: string }[]).map((r) => `${r.logicalId} (${r.type})`).join(", ") || "nothing in the template; log groups the service created at run time stay until deleted"}</p>
      )}
    </Card>
  );
}
