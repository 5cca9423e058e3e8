"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Field } from "../ui/input";

const EMPTY = { name: "", input: "", contains: "", regex: "", toolCalled: "", maxLatencyMs: "", jsonSchema: "", toolsInOrder: "", forbiddenTools: "", maxTurns: "", judges: "", reference: "" };
const list = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);

/** Builds the expectations object from the form; a bad JSON Schema is reported before sending. */
function expectationsOf(f: typeof EMPTY): { value: Record<string, unknown> } | { error: string } {
  const e: Record<string, unknown> = {};
  const contains = f.contains.split(",").map((s) => s.trim()).filter(Boolean);
  if (contains.length) e.contains = contains;
  if (f.regex.trim()) e.regex = f.regex.trim();
  if (f.toolCalled.trim()) e.toolCalled = f.toolCalled.trim();
  if (f.maxLatencyMs.trim()) e.maxLatencyMs = Number(f.maxLatencyMs);
  if (list(f.toolsInOrder).length) e.toolsInOrder = list(f.toolsInOrder);
  if (list(f.forbiddenTools).length) e.forbiddenTools = list(f.forbiddenTools);
  if (f.maxTurns.trim()) e.maxTurns = Number(f.maxTurns);
  if (list(f.judges).length) e.judges = list(f.judges);
  if (f.reference.trim()) e.reference = f.reference.trim();
  if (f.jsonSchema.trim()) {
    try {
      e.jsonSchema = JSON.parse(f.jsonSchema);
    } catch {
      return { error: "The JSON Schema is not valid JSON." };
    }
  }
  return { value: e };
}

/** A new test case: an input and what the answer must satisfy. */
export function CaseForm({ projectId, onCreated }: { projectId: string; onCreated(): void }) {
  const trpc = useTRPC();
  const [form, setForm] = useState(EMPTY);
  const [local, setLocal] = useState<string | null>(null);
  const create = useMutation(trpc.testing.cases.create.mutationOptions({ onSuccess: () => (setForm(EMPTY), onCreated()) }));
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const built = expectationsOf(form);
    if ("error" in built) return setLocal(built.error);
    setLocal(null);
    create.mutate({ projectId, name: form.name, input: form.input, expectations: built.value as never });
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2" aria-label="New test case">
      <Field label="Case name" value={form.name} onChange={set("name")} maxLength={100} required />
      <Field label="Case input" value={form.input} onChange={set("input")} maxLength={10_000} required />
      <Field label="Output contains" hint="Comma-separated, case-insensitive" value={form.contains} onChange={set("contains")} />
      <Field label="Output matches regex" value={form.regex} onChange={set("regex")} placeholder="e.g. answer is \d+" />
      <Field label="Tool called" value={form.toolCalled} onChange={set("toolCalled")} placeholder="e.g. notebook" />
      <Field label="Max latency (ms)" type="number" min={1} value={form.maxLatencyMs} onChange={set("maxLatencyMs")} />
      <Field label="Tools in order" hint="Comma-separated; other calls may come between" value={form.toolsInOrder} onChange={set("toolsInOrder")} />
      <Field label="Forbidden tools" hint="Comma-separated" value={form.forbiddenTools} onChange={set("forbiddenTools")} />
      <Field label="Max turns" type="number" min={1} value={form.maxTurns} onChange={set("maxTurns")} />
      <Field label="Judges" hint="correctness, helpfulness, groundedness, toolSelection" value={form.judges} onChange={set("judges")} />
      <Field label="Reference answer" hint="Correctness is judged against it" value={form.reference} onChange={set("reference")} className="sm:col-span-2" />
      <div className="flex flex-col gap-1 sm:col-span-2">
        <label htmlFor="case-json-schema" className="text-sm font-medium text-slate-700">Output JSON Schema <span className="font-normal text-slate-400">(optional)</span></label>
        <textarea id="case-json-schema" rows={3} className="rounded-md border border-slate-300 px-3 py-2 font-mono text-xs" value={form.jsonSchema} onChange={set("jsonSchema")} placeholder='{"type":"object","required":["answer"]}' />
      </div>
      {(local || create.error) && <p role="alert" className="text-sm text-red-600 sm:col-span-2">{local ?? create.error?.message}</p>}
      <div className="sm:col-span-2">
        <Button type="submit" variant="secondary" busy={create.isPending} disabled={!form.name.trim() || !form.input.trim()}>Add test case</Button>
      </div>
    </form>
  );
}
