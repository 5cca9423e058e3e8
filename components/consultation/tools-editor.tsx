"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";

export type ToolValue = { id: string; config?: Record<string, string | number | boolean> };

type Props = { value: ToolValue[]; busy: boolean; error: string | null; onSave: (value: ToolValue[]) => void; onCancel: () => void };

/** Add or remove tools from the registry; settings of kept tools are kept. */
export function ToolsEditor({ value, busy, error, onSave, onCancel }: Props) {
  const trpc = useTRPC();
  const id = useId();
  const catalog = useQuery(trpc.registry.tools.list.queryOptions({ status: "active" }));
  const [tools, setTools] = useState<ToolValue[]>(value);
  const [adding, setAdding] = useState("");
  const name = (toolId: string) => catalog.data?.tools.find((t) => t.id === toolId)?.name ?? toolId;
  const available = (catalog.data?.tools ?? []).filter((t) => !tools.some((x) => x.id === t.id));

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
      <div className="flex gap-2">
        <label htmlFor={id} className="sr-only">Add a tool</label>
        <select id={id} className="flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm" value={adding} onChange={(e) => setAdding(e.target.value)}>
          <option value="">{catalog.isPending ? "Loading tools…" : "Add a tool…"}</option>
          {available.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
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
