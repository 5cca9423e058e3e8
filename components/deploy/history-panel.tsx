"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ErrorMessage } from "../ui/feedback";
import { Field } from "../ui/input";

type Env = "dev" | "prod";

/** Every deployment of the project, roll back to the previous good version, drift, and destroy after typing the stack name. */
export function HistoryPanel({ projectId, environment, onStarted, onSelect }: { projectId: string; environment: Env; onStarted: (id: string) => void; onSelect: (id: string) => void }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.deploy.history.queryOptions({ projectId }));
  const rollback = useMutation(trpc.deploy.rollback.mutationOptions({ onSuccess: (d) => onStarted(d.id) }));
  const destroy = useMutation(trpc.deploy.destroy.mutationOptions({ onSuccess: (d) => onStarted(d.id) }));
  const drift = useQuery({ ...trpc.deploy.drift.queryOptions({ projectId, environment }), enabled: false });
  const [confirm, setConfirm] = useState("");
  const rows = history.data ?? [];
  // The newest deployment of the environment says whether a stack is there: none after a finished destroy.
  const latest = rows.find((r) => r.environment === environment);
  const stack = latest && latest.status !== "destroyed" ? latest.stackName : undefined;

  return (
    <Card data-testid="deploy-history">
      <h3 className="font-semibold">History</h3>
      <table className="mt-2 w-full text-left text-xs">
        <thead><tr className="text-slate-500"><th>When</th><th>Env</th><th>Kind</th><th>Version</th><th>Who</th><th>Outcome</th><th>Duration</th></tr></thead>
        <tbody>
          {rows.length === 0 && <tr><td colSpan={7} className="py-2 text-slate-500">No deployments yet: create a change set above.</td></tr>}
          {rows.map((r) => (
            <tr key={r.id} className="cursor-pointer hover:bg-slate-50" onClick={() => onSelect(r.id)}>
              <td>{new Date(r.createdAt).toLocaleString()}</td><td>{r.environment}</td><td>{r.kind}</td><td>v{r.version}</td><td>{r.who}</td><td data-testid="deploy-history-status">{r.status}</td>
              <td>{r.durationMs !== null ? `${(r.durationMs / 1000).toFixed(1)} s` : "…"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="mt-3 flex flex-wrap items-end gap-2">
        <Button variant="secondary" busy={rollback.isPending} disabled={!stack} onClick={() => rollback.mutate({ projectId, environment })} data-testid="deploy-rollback">Roll back {environment}</Button>
        <Button variant="secondary" disabled={!stack} onClick={() => void drift.refetch()} busy={drift.isFetching}>Check drift</Button>
        {drift.data && <span className="text-xs" data-testid="deploy-drift">{drift.data.status}{drift.data.drifted.length ? `: ${drift.data.drifted.map((d) => `${d.logicalId} ${d.status}`).join(", ")}` : ""}</span>}
      </div>
      {stack && (
        <form className="mt-3 flex items-end gap-2" onSubmit={(e) => (e.preventDefault(), destroy.mutate({ projectId, environment, confirm }))}>
          <Field label={<>Type <code>{stack}</code> to destroy the {environment} stack</>} value={confirm} onChange={(e) => setConfirm(e.target.value)} className="grow" />
          <Button variant="danger" type="submit" busy={destroy.isPending} data-testid="deploy-destroy">Destroy</Button>
        </form>
      )}
      {(rollback.error || destroy.error || drift.error) && <div className="mt-2"><ErrorMessage error={rollback.error ?? destroy.error ?? drift.error} /></div>}
    </Card>
  );
}
