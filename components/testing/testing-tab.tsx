"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState, type FormEvent } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { EmptyState, ErrorMessage, Spinner } from "../ui/feedback";
import { ModelBadge } from "./model-badge";
import { RunCompare } from "./run-compare";
import { RunConsole } from "./run-console";
import { RunHistory } from "./run-history";
import { SuitePanel } from "./suite-panel";
import { isFinished } from "./types";
import { useRegressedVersions } from "./use-regressed";
import { useTestRunEvents } from "./use-test-run-events";

/**
 * The Testing tab: run a version of the agent on an input and watch it live (text, tool calls,
 * logs, timing), the run history with its metrics (view, re-run, compare two), and the test
 * cases with suite results per version.
 */
export function TestingTab({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const versions = useQuery(trpc.generation.listVersions.queryOptions({ projectId }));
  const [chosen, setChosen] = useState<string | null>(null);
  const versionId = chosen ?? versions.data?.[0]?.id ?? null;
  const gate = useRegressedVersions(projectId);
  const versionNumbers = new Map((versions.data ?? []).map((v) => [v.id, v.version]));
  const model = useQuery({ ...trpc.testing.model.queryOptions({ projectId, versionId: versionId ?? undefined }), enabled: !!versionId });
  const list = useQuery(trpc.testing.list.queryOptions({ projectId }));
  const [input, setInput] = useState("");
  const [activeRunId, setActiveRunId] = useState<string | null>(null);
  const [compare, setCompare] = useState<string[]>([]);
  const [comparing, setComparing] = useState(false);
  const [suiteRunId, setSuiteRunId] = useState<string | null>(null);

  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: trpc.testing.pathKey() }), [queryClient, trpc]);
  const { runs: live, connection } = useTestRunEvents(projectId, refresh);
  const detail = useQuery({ ...trpc.testing.get.queryOptions({ projectId, runId: activeRunId ?? "" }), enabled: !!activeRunId });
  const run = useMutation(trpc.testing.run.mutationOptions({ onSuccess: (r) => (setActiveRunId(r.runId), refresh()) }));
  const rerun = useMutation(trpc.testing.rerun.mutationOptions({ onSuccess: (r) => (setActiveRunId(r.runId), refresh()) }));

  if (versions.isPending) return <Spinner label="Loading versions" />;
  if (versions.isError) return <ErrorMessage error={versions.error} retry={() => versions.refetch()} />;
  if (!versions.data.length) return <EmptyState title="Nothing to run yet">Generate the project first; each version can then be run here.</EmptyState>;

  const stored = detail.data && detail.data.id === activeRunId ? detail.data : null;
  const liveRun = activeRunId ? live[activeRunId] : undefined;
  const done = !!stored && isFinished(stored.status);
  const events = done ? stored.events : (liveRun?.events ?? stored?.events ?? []);
  // A is the older run, so the differences read "what changed since".
  const position = (id: string) => (list.data ?? []).findIndex((r) => r.id === id);
  const pair = compare.length === 2 ? ([...compare].sort((x, y) => position(y) - position(x)) as [string, string]) : null;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (versionId) run.mutate({ projectId, versionId, input });
  };

  return (
    <div className="flex flex-col gap-6">
      <Card className="flex flex-col gap-4">
        <form onSubmit={onSubmit} className="flex flex-col gap-3" aria-label="Run the agent">
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <label htmlFor="run-version" className="font-medium text-slate-700">Version</label>
            <select id="run-version" className="rounded-md border border-slate-300 px-2 py-1" value={versionId ?? ""} onChange={(e) => gate.confirmChoice(e.target.value) && setChosen(e.target.value)}>
              {versions.data.map((v) => <option key={v.id} value={v.id}>{gate.label(v.id, v.version)}</option>)}
            </select>
            {model.data?.model && <><span className="text-slate-500">model</span><ModelBadge label={model.data.model.label} /></>}
            {model.data?.model?.kind === "mock" && <span className="text-xs text-slate-500">No real model is configured: answers are scripted by the mock model.</span>}
            <span className="ml-auto text-xs text-slate-500" data-testid="testing-realtime">{connection === "live" ? "● live" : "○ reconnecting"}</span>
          </div>
          {model.data && !model.data.available && <p role="alert" className="text-sm text-red-600">{model.data.reason}</p>}
          <label htmlFor="run-input" className="sr-only">Agent input</label>
          <textarea id="run-input" rows={3} maxLength={10_000} className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm" placeholder='Ask the agent something, e.g. "List my notebooks"' value={input} onChange={(e) => setInput(e.target.value)} />
          <div className="flex items-center gap-3">
            <Button type="submit" busy={run.isPending} disabled={!input.trim() || !versionId || model.data?.available === false}>Run</Button>
            {run.error && <p role="alert" className="text-sm text-red-600">{run.error.message}</p>}
          </div>
        </form>
        {activeRunId && (
          <RunConsole
            events={events}
            live={!done}
            runId={activeRunId}
            summary={{ status: stored?.status ?? liveRun?.status ?? "queued", modelUsed: stored?.modelUsed ?? null, firstTokenMs: stored?.latencyFirstTokenMs ?? null, totalMs: stored?.latencyTotalMs ?? null, tokensIn: stored?.tokensIn ?? null, tokensOut: stored?.tokensOut ?? null, error: stored?.error ?? liveRun?.error ?? null }}
          />
        )}
      </Card>

      <Card className="flex flex-col gap-3">
        <div className="flex items-center justify-between">
          <h2 className="font-semibold">Run history</h2>
          <Button variant="secondary" disabled={compare.length !== 2} onClick={() => setComparing(true)}>Compare selected ({compare.length}/2)</Button>
        </div>
        {list.isError ? <ErrorMessage error={list.error} retry={() => list.refetch()} /> : (
          <RunHistory
            runs={list.data ?? []}
            versions={versionNumbers}
            activeRunId={activeRunId}
            compare={compare}
            rerunning={rerun.isPending ? (rerun.variables?.runId ?? null) : null}
            onView={setActiveRunId}
            onRerun={(runId) => rerun.mutate({ projectId, runId })}
            onToggleCompare={(id) => setCompare((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id].slice(-2)))}
          />
        )}
      </Card>
      {comparing && pair && <RunCompare projectId={projectId} a={pair[0]} b={pair[1]} onClose={() => setComparing(false)} />}

      <Card>
        <h2 className="mb-3 font-semibold">Test cases and evaluation</h2>
        <SuitePanel projectId={projectId} versionId={versionId} versionNumber={versionId ? (versionNumbers.get(versionId) ?? null) : null} suiteRunId={suiteRunId} onSuiteStarted={setSuiteRunId} refresh={refresh} />
      </Card>
    </div>
  );
}
