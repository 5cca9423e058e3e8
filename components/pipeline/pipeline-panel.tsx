"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AppLink } from "../ui/app-link";
import { lazy, Suspense, useEffect, useState, type FormEvent } from "react";
import { useProjectEvents } from "../realtime/use-project-events";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { fieldError } from "../ui/errors";
import { isFinished } from "./stages";
import { useClock } from "./use-clock";

// Shown only once a change has been requested: a new project's page does not load them. When
// one exists they render on the server, and the page shows that HTML until their code has
// loaded (no shift). React's lazy(), not next/dynamic, whose loader is ~2 kB of first-load JS.
const PipelineView = lazy(() => import("./pipeline-view").then((m) => ({ default: m.PipelineView })));
const NeedsInputForm = lazy(() => import("./needs-input-form").then((m) => ({ default: m.NeedsInputForm })));
const pipelineLoading = <div className="h-20 animate-pulse rounded-lg bg-slate-50" aria-busy="true" aria-label="Loading the pipeline" />;

/**
 * "Request a change" plus the live PM → Dev → QA → Ops view of the newest modification and
 * the history of earlier ones with their versions. Updates arrive over the realtime socket.
 */
export function PipelinePanel({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listKey = trpc.modification.list.queryKey({ projectId });
  const modifications = useQuery(trpc.modification.list.queryOptions({ projectId }));
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: listKey });
    void queryClient.invalidateQueries({ queryKey: trpc.generation.listVersions.queryKey({ projectId }) });
  };
  // A (re)subscription replays the log: refresh once when it is live again, not once per replayed event.
  const connection = useProjectEvents(projectId, (event, { replay }) => {
    if (event.type === "modification.updated" && !replay) refresh();
  });
  const request = useMutation(trpc.modification.request.mutationOptions({ onSuccess: refresh }));
  const cancel = useMutation(trpc.modification.cancel.mutationOptions({ onSuccess: refresh }));
  const [text, setText] = useState("");
  const [showHistory, setShowHistory] = useState(false);
  const latest = modifications.data?.[0];
  const running = latest && !isFinished(latest);
  const now = useClock(!!running);

  useEffect(() => {
    if (connection === "live") refresh();
    // Only the connection matters: refresh is recreated on every render.
  }, [connection]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    await request.mutateAsync({ projectId, request: text }).then(() => setText("")).catch(() => undefined);
  }

  return (
    <Card className="flex flex-col gap-4" aria-label="Changes">
      <form onSubmit={onSubmit} className="flex items-start gap-3">
        <div className="flex-1">
          <label htmlFor="change-request" className="text-sm font-medium text-slate-700">Request a change</label>
          <input
            id="change-request"
            className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            placeholder='e.g. "add web search", "switch to a cheaper model", "deploy on Lambda instead"'
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxLength={2000}
          />
          {request.error && <p role="alert" className="mt-1 text-xs text-red-600">{fieldError(request.error, "request") ?? request.error.message}</p>}
        </div>
        <Button type="submit" className="mt-6" busy={request.isPending} disabled={!text.trim()}>Send to PM</Button>
      </form>
      {latest && (
        <div>
          <div className="mb-2 flex items-center justify-between text-sm">
            <p className="font-medium text-slate-800">“{latest.request}”</p>
            <div className="flex items-center gap-3 text-xs text-slate-500">
              <span data-testid="realtime-state">{connection === "live" ? "● live" : "○ reconnecting"}</span>
              {latest.status === "queued" && <Button variant="ghost" className="text-red-600" busy={cancel.isPending} onClick={() => cancel.mutate({ projectId, modificationId: latest.modificationId })}>Cancel</Button>}
            </div>
          </div>
          <Suspense fallback={pipelineLoading}>
            <PipelineView modification={latest} now={now} />
          </Suspense>
          {latest.status === "needs-input" && (
            <Suspense fallback={null}>
              <NeedsInputForm key={latest.modificationId + latest.updatedAt} projectId={projectId} modification={latest} onAnswered={refresh} />
            </Suspense>
          )}
        </div>
      )}
      {modifications.data && modifications.data.length > 0 && (
        <div>
          <button className="text-xs font-medium text-brand-600" onClick={() => setShowHistory((v) => !v)} aria-expanded={showHistory}>
            {showHistory ? "Hide" : "Show"} change history ({modifications.data.length})
          </button>
          {showHistory && (
            <ul className="mt-2 divide-y divide-slate-100 text-sm" aria-label="Change history">
              {modifications.data.map((m) => (
                <li key={m.modificationId} className="flex items-center gap-3 py-2">
                  <span className={m.status === "done" ? "text-emerald-600" : m.status === "failed" ? "text-red-600" : m.status === "needs-input" ? "text-amber-700" : "text-slate-500"}>{m.status === "no-change" ? "no change needed" : m.status}</span>
                  <span className="flex-1 truncate">{m.request}</span>
                  {m.ops && (
                    <AppLink className="text-xs font-medium text-brand-600" href={`?tab=code&version=${m.ops.versionId}${m.baseVersionId ? `&diff=${m.baseVersionId}` : ""}`}>
                      v{m.ops.version}{m.baseVersionId ? " · diff" : ""}
                    </AppLink>
                  )}
                  {m.status === "failed" && m.error && <span className="max-w-xs truncate text-xs text-red-600" title={m.error}>{m.error}</span>}
                  {m.status === "queued" && (
                    <Button variant="ghost" className="text-xs text-red-600" onClick={() => cancel.mutate({ projectId, modificationId: m.modificationId })}>Cancel</Button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Card>
  );
}
