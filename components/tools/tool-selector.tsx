"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import type { ToolSummary } from "~/server/api/routers/registry";
import type { ToolConflict } from "~/server/registry/errors";
import type { ProjectSelection } from "~/server/registry/selections";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ErrorMessage, Spinner } from "../ui/feedback";
import { DEPLOYMENT_TARGETS as TARGETS, targetLabel, type DeploymentTargetId as TargetId } from "../projects/deployment-targets";
import { ApiToolsPanel } from "./api-tools-panel";
import { DependencyTree } from "./dependency-tree";
import { samePicks, setConfigValue, swapTool, toggleTool, type ToolPick } from "./selection-state";
import { SelectedTools } from "./selected-tools";
import { ToolCatalog } from "./tool-catalog";
import { saveGate, type SaveGate } from "./save-gate";
import { ToolWarnings } from "./tool-warnings";

/** The typed conflict list a CONFLICT from `registry.tools.resolve` or `selection.setTools` carries. */
const conflictsOf = (error: unknown): ToolConflict[] =>
  ((error as { data?: { code?: string; details?: { conflicts?: ToolConflict[] } | null } } | null)?.data?.details?.conflicts ?? []);

/** The Tools tab: catalog, selection with config, warnings for the target, resolved dependencies. */
export function ToolSelector({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const selection = useQuery(trpc.selection.get.queryOptions({ projectId }));
  const tools = useQuery({ ...trpc.registry.tools.list.queryOptions(), staleTime: Infinity });
  if (selection.isPending || tools.isPending) return <Spinner label="Loading tools" />;
  if (selection.isError) return <ErrorMessage error={selection.error} retry={() => selection.refetch()} />;
  if (tools.isError) return <ErrorMessage error={tools.error} retry={() => tools.refetch()} />;
  return (
    <div className="flex flex-col gap-6">
      <ToolWorkspace projectId={projectId} selection={selection.data} tools={tools.data.tools} />
      <ApiToolsPanel projectId={projectId} target={selection.data.target} />
    </div>
  );
}

function ToolWorkspace({ projectId, selection, tools }: { projectId: string; selection: ProjectSelection; tools: readonly ToolSummary[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const byId = useMemo(() => new Map(tools.map((t) => [t.id, t])), [tools]);
  const saved = useMemo<ToolPick[]>(() => selection.tools.map((t) => ({ id: t.id, config: t.config })), [selection.tools]);
  const [edited, setEdited] = useState<ToolPick[] | null>(null);
  const [target, setTarget] = useState<TargetId>(selection.target);
  const picks = edited ?? saved;
  const dirty = edited !== null && !samePicks(edited, saved);
  const ids = picks.map((p) => p.id);
  const edit = (next: ToolPick[]) => setEdited(next);

  const resolve = useQuery({ ...trpc.registry.tools.resolve.queryOptions({ ids, language: selection.language }), enabled: ids.length > 0, retry: false, placeholderData: keepPreviousData });
  const validate = useQuery({ ...trpc.registry.tools.validate.queryOptions({ ids, target }), enabled: ids.length > 0, retry: false, placeholderData: keepPreviousData });
  const save = useMutation(
    trpc.selection.setTools.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(trpc.selection.get.queryKey({ projectId }), data);
        setEdited(null);
      },
    }),
  );
  const check = useQuery({
    ...trpc.registry.tools.check.queryOptions({ ids, language: selection.language, target: selection.targetStated ? selection.target : undefined }),
    enabled: ids.length > 0,
    retry: false,
    placeholderData: keepPreviousData,
  });
  const gate = saveGate(ids, check);
  const conflicts = ids.length > 0 ? conflictsOf(resolve.error) : [];
  const resolution = ids.length > 0 && !resolve.isError ? resolve.data : undefined;

  return (
    <div className="grid items-start gap-6 lg:grid-cols-5">
      <Card className="lg:col-span-3">
        <h2 className="mb-3 font-semibold">Tool catalog</h2>
        <ToolCatalog tools={tools} selected={new Set(ids)} onToggle={(id) => edit(toggleTool(picks, id))} language={selection.language} target={target} />
      </Card>
      <div className="flex flex-col gap-4 lg:sticky lg:top-4 lg:col-span-2">
        <Card className="flex flex-col gap-3">
          <div className="flex items-center justify-between gap-3">
            <h2 className="font-semibold">Selected tools ({picks.length})</h2>
            <span className="text-xs text-slate-500" data-testid="save-state">{dirty ? "Unsaved changes" : "Saved"}</span>
          </div>
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-slate-600">
            <span>Language: <strong>{selection.language === "python" ? "Python (pip)" : "TypeScript (npm)"}</strong></span>
            <label className="inline-flex items-center gap-1.5">
              Target
              <select className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm" value={target} onChange={(e) => setTarget(e.target.value as TargetId)} aria-label="Deployment target">
                {TARGETS.map((t) => <option key={t.id} value={t.id}>{t.label}{t.id === selection.target ? " (project)" : ""}</option>)}
              </select>
            </label>
            {target !== selection.target && <span className="text-xs text-amber-800">Preview only: the project deploys to {targetLabel(selection.target)}</span>}
          </div>
          <SelectedTools picks={picks} byId={byId} onRemove={(id) => edit(picks.filter((p) => p.id !== id))} onConfig={(id, key, v) => edit(setConfigValue(picks, id, key, v))} />
          <div className="flex items-center gap-3">
            <Button onClick={() => save.mutate({ projectId, tools: picks })} busy={save.isPending} disabled={!dirty || gate.state !== "open"}>Save tool selection</Button>
            {dirty && <Button variant="ghost" onClick={() => setEdited(null)}>Discard</Button>}
          </div>
          {gate.state === "blocked" && gate.refused.length > 0 && <SaveBlocked refused={gate.refused} byId={byId} selection={selection} />}
          {save.error && <ErrorMessage error={save.error} />}
        </Card>
        {validate.isError && <ErrorMessage error={validate.error} retry={() => validate.refetch()} />}
        {ids.length > 0 && (
          <ToolWarnings
            warnings={validate.data ?? []}
            conflicts={conflicts}
            unavailable={resolution?.unavailable ?? []}
            byId={byId}
            onSwap={(from, to) => edit(swapTool(picks, from, to))}
            onRemove={(id) => edit(picks.filter((p) => p.id !== id))}
          />
        )}
        {ids.length > 0 && (
          <Card>
            <h3 className="mb-2 font-semibold">Dependencies</h3>
            {resolution ? (
              <DependencyTree resolution={resolution} />
            ) : conflicts.length > 0 ? (
              <p className="text-sm text-slate-600">Resolve the conflict above to see the dependencies.</p>
            ) : resolve.isError ? (
              <ErrorMessage error={resolve.error} retry={() => resolve.refetch()} />
            ) : (
              <Spinner label="Resolving" />
            )}
          </Card>
        )}
      </div>
    </div>
  );
}

/** Why Save is closed, in the server's words (registry.tools.check): each refused tool and why. */
function SaveBlocked({ refused, byId, selection }: { refused: Extract<SaveGate, { state: "blocked" }>["refused"]; byId: ReadonlyMap<string, ToolSummary>; selection: ProjectSelection }) {
  const names = [...new Set(refused.map((r) => byId.get(r.toolId)?.name ?? r.toolId))];
  const where = `${selection.language === "python" ? "Python" : "TypeScript"}${selection.targetStated ? ` on ${targetLabel(selection.target)}` : ""}`;
  return (
    <div className="text-xs text-amber-800" data-testid="save-blocked">
      <p>
        {names.join(", ")} cannot be generated for this project ({where}): use an alternative below or remove {names.length > 1 ? "them" : "it"} to save.
      </p>
      <ul className="mt-1 list-disc pl-4">
        {refused.map((r) => <li key={`${r.index}-${r.kind}`} data-testid="save-blocked-reason" data-tool-id={r.toolId}>{r.reason}</li>)}
      </ul>
    </div>
  );
}
