"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { EmptyState, ErrorMessage, Spinner } from "../ui/feedback";
import { AccountPanel } from "./account-panel";
import { DeploymentPanel } from "./deployment-panel";
import { HistoryPanel } from "./history-panel";
import { PlanPanel } from "./plan-panel";
import { useDeployEvents } from "./use-deploy-events";
import { useRegressedVersions } from "../testing/use-regressed";

type Env = "dev" | "prod";

/**
 * The Deploy tab: plan a version (offline), connect an AWS account, deploy it through a
 * reviewed change set with a live timeline, call the deployed agent, roll back and destroy.
 */
export function DeployTab({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const versions = useQuery(trpc.generation.listVersions.queryOptions({ projectId }));
  const [chosen, setChosen] = useState<string | null>(null);
  const [environment, setEnvironment] = useState<Env>("dev");
  const [deploymentId, setDeploymentId] = useState<string | null>(null);
  const [input, setInput] = useState("");
  const versionId = chosen ?? versions.data?.[0]?.id ?? null;
  const gate = useRegressedVersions(projectId);
  const plan = useQuery({ ...trpc.deploy.plan.queryOptions({ projectId, versionId: versionId ?? "", environment }), enabled: !!versionId, retry: false });

  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: trpc.deploy.pathKey() }), [queryClient, trpc]);
  const { timeline, invocation, startListening } = useDeployEvents(projectId, refresh);
  const deployment = useQuery({ ...trpc.deploy.get.queryOptions({ projectId, deploymentId: deploymentId ?? "" }), enabled: !!deploymentId });
  // A started or chosen deployment opens right under the controls and is scrolled to: the
  // change set to review must not sit below the plan, out of sight.
  const deploymentRef = useRef<HTMLDivElement>(null);
  const shownId = deployment.data?.id;
  useEffect(() => {
    if (shownId) deploymentRef.current?.scrollIntoView?.({ behavior: "smooth", block: "nearest" });
  }, [shownId]);
  const started = (id: string) => (setDeploymentId(id), refresh());
  const start = useMutation(trpc.deploy.start.mutationOptions({ onSuccess: (d) => started(d.id) }));
  const approve = useMutation(trpc.deploy.approve.mutationOptions({ onSuccess: refresh }));
  const reject = useMutation(trpc.deploy.reject.mutationOptions({ onSuccess: refresh }));
  const invoke = useMutation(trpc.deploy.invoke.mutationOptions({ onSuccess: refresh }));

  if (versions.isPending) return <Spinner label="Loading versions" />;
  if (versions.isError) return <ErrorMessage error={versions.error} retry={() => versions.refetch()} />;
  if (!versionId) return <EmptyState title="Nothing to deploy yet">Generate the project first (Consultation or Code tab).</EmptyState>;

  return (
    <div className="flex flex-col gap-4" data-testid="deploy-tab">
      <Card className="flex flex-wrap items-end gap-3">
        <label className="text-sm">Version{" "}
          <select className="rounded border border-slate-300 px-2 py-1" value={versionId} onChange={(e) => setChosen(e.target.value)} data-testid="deploy-version">
            {versions.data.map((v) => <option key={v.id} value={v.id}>{gate.label(v.id, v.version)}</option>)}
          </select>
        </label>
        <label className="text-sm">Environment{" "}
          <select className="rounded border border-slate-300 px-2 py-1" value={environment} onChange={(e) => setEnvironment(e.target.value as Env)} data-testid="deploy-environment">
            <option value="dev">dev</option><option value="prod">prod</option>
          </select>
        </label>
        <Button busy={start.isPending} disabled={!plan.data} onClick={() => gate.confirmChoice(versionId) && start.mutate({ projectId, versionId, environment })} data-testid="deploy-start">Create change set</Button>
      </Card>
      {start.error && <ErrorMessage error={start.error} />}
      {deployment.data && (
        <div ref={deploymentRef} className="scroll-mt-4">
          <DeploymentPanel
            d={deployment.data}
            timeline={timeline[deployment.data.id] ?? []}
            busy={approve.isPending || reject.isPending}
            onApprove={() => approve.mutate({ projectId, deploymentId: deployment.data.id })}
            onReject={() => reject.mutate({ projectId, deploymentId: deployment.data.id })}
          />
        </div>
      )}
      {(approve.error || reject.error) && <ErrorMessage error={approve.error ?? reject.error} />}
      <AccountPanel region={plan.data?.region ?? "us-east-1"} onConnected={() => start.reset()} />
      {plan.isPending ? <Spinner label="Planning" /> : plan.isError ? <ErrorMessage error={plan.error} /> : <PlanPanel plan={plan.data} />}
      <Card data-testid="deploy-invoke">
        <h3 className="font-semibold">Call the deployed agent ({environment})</h3>
        <form className="mt-2 flex gap-2" onSubmit={(e) => (e.preventDefault(), startListening(), invoke.mutate({ projectId, environment, input }))}>
          <input className="grow rounded-md border border-slate-300 px-3 py-2 text-sm" value={input} onChange={(e) => setInput(e.target.value)} placeholder="Ask the deployed agent…" aria-label="Input for the deployed agent" />
          <Button type="submit" busy={invoke.isPending} disabled={!input.trim()}>Invoke</Button>
        </form>
        {(invocation.text || invoke.data) && <pre className="mt-2 whitespace-pre-wrap rounded bg-slate-50 p-2 text-sm" data-testid="deploy-invoke-output">{invocation.text || invoke.data?.output}</pre>}
        {invoke.data && <p className="mt-1 text-xs text-slate-500">First token {invoke.data.latencyFirstTokenMs ?? "—"} ms, total {invoke.data.latencyTotalMs} ms, tokens {invoke.data.tokensIn ?? "—"} in / {invoke.data.tokensOut ?? "—"} out</p>}
        {invoke.error && <div className="mt-2"><ErrorMessage error={invoke.error} /></div>}
      </Card>
      <HistoryPanel projectId={projectId} environment={environment} onStarted={started} onSelect={setDeploymentId} />
    </div>
  );
}
