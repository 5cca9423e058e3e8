"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { ToolSummary } from "~/server/api/routers/registry";
import { targetLabel, type DeploymentTargetId } from "../projects/deployment-targets";
import { ToolWarnings } from "../tools/tool-warnings";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";

export type ToolValue = { id: string; config?: Record<string, string | number | boolean> };
/** The draft's language (python when unset) and target (unchecked while undecided). */
export type ToolFit = { language: "python" | "typescript"; target?: DeploymentTargetId };

type Props = { value: ToolValue[]; fit: ToolFit; busy: boolean; error: string | null; onSave: (value: ToolValue[]) => void; onCancel: () => void };

const LANGUAGE = { python: "Python", typescript: "TypeScript" } as const;

/** Why a catalog tool would not fit, for its option ("no TypeScript version"); the server's check decides. */
function misfitLabel(t: ToolSummary, fit: ToolFit): string | undefined {
  const why = [!t.languages[fit.language] && `no ${LANGUAGE[fit.language]} version`, fit.target && !t.platforms[fit.target].supported && `not on ${targetLabel(fit.target)}`].filter(Boolean);
  return why.length ? why.join(", ") : undefined;
}

/**
 * Add or remove tools from the registry; settings of kept tools are kept. Tools that do not
 * fit the draft's language or target are marked in the list and, once chosen, shown with
 * the registry's reason and "Use X" (the same checks as the Tools tab), before completeness.
 */
export function ToolsEditor({ value, fit, busy, error, onSave, onCancel }: Props) {
  const trpc = useTRPC();
  const id = useId();
  const catalog = useQuery(trpc.registry.tools.list.queryOptions({ status: "active" }));
  const [tools, setTools] = useState<ToolValue[]>(value);
  const [adding, setAdding] = useState("");
  const ids = tools.map((t) => t.id);
  const resolve = useQuery({ ...trpc.registry.tools.resolve.queryOptions({ ids, language: fit.language }), enabled: ids.length > 0, retry: false, placeholderData: keepPreviousData });
  const validate = useQuery({ ...trpc.registry.tools.validate.queryOptions({ ids, target: fit.target ?? "agentcore" }), enabled: ids.length > 0 && !!fit.target, retry: false, placeholderData: keepPreviousData });
  const byId = new Map((catalog.data?.tools ?? []).map((t) => [t.id, t]));
  const name = (toolId: string) => byId.get(toolId)?.name ?? toolId;
  const available = (catalog.data?.tools ?? []).filter((t) => !ids.includes(t.id));
  const present = (toolId: string) => ids.includes(toolId);
  const unavailable = ids.length && !resolve.isError ? (resolve.data?.unavailable ?? []).filter((u) => present(u.toolId)) : [];
  const unsupported = ids.length && fit.target ? (validate.data ?? []).filter((w) => w.severity === "unsupported" && present(w.toolId)) : [];
  // The alternative takes the tool's place; its settings differ, so the old ones go.
  const swap = (fromId: string, toId: string) => setTools(present(toId) ? tools.filter((t) => t.id !== fromId) : tools.map((t) => (t.id === fromId ? { id: toId, config: {} } : t)));

  return (
    <div className="mt-2 flex flex-col gap-2" role="group" aria-label="Edit Tools">
      {tools.length === 0 ? (
        <p className="text-sm text-slate-500">No tools: the agent answers from the model alone.</p>
      ) : (
        <ul className="flex flex-wrap gap-2">
          {tools.map((t) => (
            <li key={t.id} className="flex items-center gap-1 rounded-full bg-slate-100 py-1 pl-3 pr-1 text-xs">
              {name(t.id)}
              <button type="button" aria-label={`Remove ${name(t.id)}`} className="rounded-full px-1.5 text-slate-500 hover:bg-slate-200" onClick={() => setTools(tools.filter((x) => x.id !== t.id))}>×</button>
            </li>
          ))}
        </ul>
      )}
      <ToolWarnings warnings={unsupported} conflicts={[]} unavailable={unavailable} byId={byId} onSwap={swap} onRemove={(toolId) => setTools(tools.filter((t) => t.id !== toolId))} />
      <div className="flex gap-2">
        <label htmlFor={id} className="sr-only">Add a tool</label>
        <select id={id} className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm" value={adding} onChange={(e) => setAdding(e.target.value)}>
          <option value="">{catalog.isPending ? "Loading tools…" : "Add a tool…"}</option>
          {available.map((t) => {
            const misfit = misfitLabel(t, fit);
            return <option key={t.id} value={t.id}>{misfit ? `${t.name} (${misfit})` : t.name}</option>;
          })}
        </select>
        <Button type="button" variant="secondary" disabled={!adding} onClick={() => { setTools([...tools, { id: adding, config: {} }]); setAdding(""); }}>Add</Button>
      </div>
      {error && <p role="alert" className="text-xs text-red-600">{error}</p>}
      <div className="flex gap-2">
        <Button type="button" busy={busy} onClick={() => onSave(tools)}>Save</Button>
        <Button type="button" variant="ghost" onClick={onCancel}>Cancel</Button>
      </div>
    </div>
  );
}
