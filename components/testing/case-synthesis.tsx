"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import type { CaseDraftView } from "./types";

type Draft = { name: string; input: string; expectations: string };
const toDraft = (c: CaseDraftView): Draft => ({ name: c.name, input: c.input, expectations: JSON.stringify(c.expectations, null, 1) });

/**
 * Proposed test cases: drawn up by the model (or, offline, from the spec), shown as a draft the
 * user edits or drops, and saved only when they press Save. The server validates every case again.
 */
export function CaseSynthesis({ projectId, onSaved }: { projectId: string; onSaved(): void }) {
  const trpc = useTRPC();
  const [count, setCount] = useState(5);
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const [local, setLocal] = useState<string | null>(null);
  const synthesize = useMutation(trpc.testing.cases.synthesize.mutationOptions({ onSuccess: (d) => (setDrafts(d.cases.map(toDraft)), setLocal(null)) }));
  const save = useMutation(trpc.testing.cases.save.mutationOptions({ onSuccess: () => (setDrafts(null), onSaved()) }));
  const edit = (i: number, k: keyof Draft, v: string) => setDrafts((ds) => ds!.map((d, j) => (j === i ? { ...d, [k]: v } : d)));

  function onSave() {
    const cases = [];
    for (const [i, d] of drafts!.entries()) {
      try {
        cases.push({ name: d.name, input: d.input, expectations: JSON.parse(d.expectations) });
      } catch {
        return setLocal(`Case ${i + 1}: the expectations are not valid JSON.`);
      }
    }
    setLocal(null);
    save.mutate({ projectId, cases });
  }

  return (
    <section aria-label="Synthesize test cases" className="flex flex-col gap-3 rounded-md border border-dashed border-slate-300 p-3">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label htmlFor="synth-count" className="font-medium text-slate-700">Propose</label>
        <input id="synth-count" type="number" min={1} max={20} value={count} onChange={(e) => setCount(Number(e.target.value))} className="w-16 rounded-md border border-slate-300 px-2 py-1" />
        <span className="text-slate-600">cases from the agent&apos;s use case, tools and guardrails</span>
        <Button variant="secondary" busy={synthesize.isPending} onClick={() => synthesize.mutate({ projectId, count })}>Synthesize</Button>
      </div>
      {synthesize.error && <p role="alert" className="text-sm text-red-600">{synthesize.error.message}</p>}
      {drafts && synthesize.data && (
        <>
          <p className="text-xs text-slate-500" data-testid="synthesis-source">Draft {synthesize.data.engine === "model" ? `by ${synthesize.data.label}` : synthesize.data.label}: review and edit, nothing is saved yet.</p>
          {synthesize.data.notes.map((n) => <p key={n} className="text-xs text-amber-700">{n}</p>)}
          <ol className="flex flex-col gap-3" aria-label="Proposed cases">
            {drafts.map((d, i) => (
              <li key={i} data-testid="draft-case" className="grid gap-2 rounded-md bg-slate-50 p-2 sm:grid-cols-2">
                <input aria-label={`Case ${i + 1} name`} className="rounded-md border border-slate-300 px-2 py-1 text-sm" value={d.name} onChange={(e) => edit(i, "name", e.target.value)} />
                <input aria-label={`Case ${i + 1} input`} className="rounded-md border border-slate-300 px-2 py-1 text-sm" value={d.input} onChange={(e) => edit(i, "input", e.target.value)} />
                <textarea aria-label={`Case ${i + 1} expectations`} rows={4} className="rounded-md border border-slate-300 px-2 py-1 font-mono text-xs sm:col-span-2" value={d.expectations} onChange={(e) => edit(i, "expectations", e.target.value)} />
                <Button variant="ghost" className="justify-self-start px-2 py-1 text-xs text-red-600" onClick={() => setDrafts((ds) => ds!.filter((_, j) => j !== i))}>Drop this case</Button>
              </li>
            ))}
          </ol>
          {(local || save.error) && <p role="alert" className="text-sm text-red-600">{local ?? save.error?.message}</p>}
          <div className="flex gap-2">
            <Button busy={save.isPending} disabled={drafts.length === 0} onClick={onSave}>Save {drafts.length} case{drafts.length === 1 ? "" : "s"}</Button>
            <Button variant="ghost" onClick={() => setDrafts(null)}>Discard</Button>
          </div>
        </>
      )}
    </section>
  );
}
