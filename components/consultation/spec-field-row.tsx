"use client";

import { lazy, Suspense } from "react";
import { cn } from "../ui/cn";
import { formatValue, type FieldMeta } from "./spec-fields";
import type { ToolFit } from "./tools-editor";

// The editors (model picker, tools editor…) open only on "Edit": they load then, not with the page.
// React's own lazy(), not next/dynamic: nothing here renders on the server, and next/dynamic's
// loader (~2 kB compressed) would be on the project page's first load for it (bench/README.md).
const FieldEditor = lazy(() => import("./field-editor").then((m) => ({ default: m.FieldEditor })));
const editorLoading = <div className="mt-2 h-16 animate-pulse rounded-md bg-slate-100" aria-busy="true" aria-label="Loading the editor" />;

type Props = {
  meta: FieldMeta;
  value: unknown;
  /** Shown as text instead of the raw value (tools: their names). */
  display?: string;
  missing: boolean;
  /** Why the value cannot be generated as it is (a tool that does not fit the language), shown under it. */
  problem?: string;
  /** The PM stopped asking: the user said they do not know yet. */
  skipped: boolean;
  /** Set by hand: the conversation no longer changes it. */
  locked: boolean;
  /** Changed by the last turn: lit for a moment. */
  lit: boolean;
  editing: boolean;
  projectId: string;
  toolFit: ToolFit;
  busy: boolean;
  error: string | null;
  onEdit: () => void;
  onSave: (value: unknown) => void;
  onCancel: () => void;
};

/** One field of the spec draft: its value, whether it is still missing, and "Edit". */
export function SpecFieldRow({ meta, value, display, missing, problem, skipped, locked, lit, editing, projectId, toolFit, busy, error, onEdit, onSave, onCancel }: Props) {
  const text = display ?? formatValue(meta, value);
  const long = meta.kind === "textarea";
  return (
    <li
      className={cn("rounded-lg px-3 py-2 transition-colors duration-700", lit ? "bg-amber-100 ring-1 ring-amber-300" : missing ? "bg-slate-50" : "bg-white")}
      data-testid={`spec-field-${meta.path}`}
      data-state={missing ? "missing" : "filled"}
      data-lit={lit ? "true" : undefined}
    >
      <div className="flex items-start gap-2">
        <span aria-hidden className={cn("mt-0.5 text-xs", missing ? "text-slate-300" : "text-emerald-600")}>{missing ? "○" : "●"}</span>
        <div className="min-w-0 flex-1">
          <div className="flex items-center gap-2">
            <span className="text-xs font-medium uppercase tracking-wide text-slate-500">{meta.label}</span>
            {locked && <span className="rounded bg-slate-100 px-1.5 text-[10px] text-slate-500" title="Edited by you: the conversation keeps this value">edited</span>}
          </div>
          {!editing && (
            <p className={cn("text-sm", text ? "text-slate-900" : "italic text-slate-400", long && "line-clamp-3 whitespace-pre-wrap")} data-testid={`spec-value-${meta.path}`}>
              {text || (skipped ? "left open for now" : missing ? "missing" : "not set")}
            </p>
          )}
          {!editing && problem && (
            <p className="mt-1 text-xs text-amber-800" data-testid={`spec-problem-${meta.path}`}>{problem}</p>
          )}
        </div>
        {!editing && (
          <button type="button" className="text-xs font-medium text-brand-600 hover:text-brand-700" onClick={onEdit} aria-label={`Edit ${meta.label}`}>Edit</button>
        )}
      </div>
      {editing && (
        <Suspense fallback={editorLoading}>
          <FieldEditor meta={meta} value={value} projectId={projectId} toolFit={toolFit} busy={busy} error={error} onSave={onSave} onCancel={onCancel} />
        </Suspense>
      )}
    </li>
  );
}
