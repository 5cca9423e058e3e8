"use client";

import { useId, useState, type FormEvent } from "react";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { ModelPicker } from "./model-picker";
import type { FieldMeta } from "./spec-fields";
import { ToolsEditor, type ToolFit, type ToolValue } from "./tools-editor";

type Props = {
  meta: Pick<FieldMeta, "path" | "label" | "kind" | "options" | "unit" | "hint">;
  value: unknown;
  projectId: string;
  /** The draft's language and target, which the tools editor checks its tools against. */
  toolFit: ToolFit;
  busy: boolean;
  error: string | null;
  onSave: (value: unknown) => void;
  onCancel: () => void;
};

const inputClass = (error: string | null) =>
  cn("w-full rounded-md border bg-white px-3 py-2 text-sm shadow-xs outline-none focus:ring-2 focus:ring-brand-500", error ? "border-red-500" : "border-slate-300");

/** Text as the user typed it → the value sent; empty clears the field. Numbers that do not parse go as typed, so the server names the field. */
function toValue(kind: FieldMeta["kind"], text: string): unknown {
  if (text.trim() === "") return null;
  if (kind === "number") return Number.isFinite(Number(text)) ? Number(text) : text;
  return text;
}

/** The small form that edits one spec field in place. */
export function FieldEditor({ meta, value, projectId, toolFit, busy, error, onSave, onCancel }: Props) {
  const id = useId();
  const [text, setText] = useState(value === undefined || value === null ? "" : String(value));
  if (meta.kind === "tools") return <ToolsEditor value={(value as ToolValue[] | undefined) ?? []} fit={toolFit} busy={busy} error={error} onSave={onSave} onCancel={onCancel} />;

  function submit(e: FormEvent) {
    e.preventDefault();
    onSave(toValue(meta.kind, text));
  }
  const described = error ? `${id}-error` : meta.hint ? `${id}-hint` : undefined;
  const common = { id, "aria-invalid": error ? true : undefined, "aria-describedby": described, className: inputClass(error) };

  return (
    <form onSubmit={submit} className="mt-2 flex flex-col gap-2" aria-label={`Edit ${meta.label}`}>
      <label htmlFor={id} className="sr-only">{meta.label}</label>
      {meta.kind === "textarea" ? (
        <textarea {...common} rows={meta.path === "systemPrompt" ? 8 : 3} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
      ) : meta.kind === "select" ? (
        <select {...common} value={text} onChange={(e) => setText(e.target.value)} autoFocus>
          {!text && <option value="">Choose…</option>}
          {meta.options?.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      ) : meta.kind === "model" ? (
        <ModelPicker projectId={projectId} inputProps={common} value={text} onChange={setText} />
      ) : (
        <div className="flex items-center gap-2">
          <input {...common} type="text" inputMode={meta.kind === "number" ? "decimal" : undefined} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
          {meta.unit && <span className="whitespace-nowrap text-xs text-slate-500">{meta.unit}</span>}
        </div>
      )}
      {meta.hint && !error && <p id={`${id}-hint`} className="text-xs text-slate-500">{meta.hint}</p>}
      {error && <p id={`${id}-error`} role="alert" className="text-xs text-red-600">{error}</p>}
      <div className="flex gap-2">
        <Button type="submit" busy={busy}>Save</Button>
        <Button type="button" variant="ghost" onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
