"use client";

import { memo, useId, useState } from "react";
import { cn } from "../ui/cn";
import { fromDisplay, toDisplay, type AssumptionMeta } from "./assumption-meta";

type Props = {
  name: string;
  meta: AssumptionMeta;
  /** The value the last estimate used. */
  value: number | boolean | string | null;
  note: string;
  /** The API's message for this field, or null. */
  error: string | null;
  onChange: (name: string, value: number | boolean | string) => void;
};

/**
 * One editable assumption. A number keeps the text as typed (the estimate catches up after
 * the debounce) and shows the estimate's value until the user types; text that is not a
 * number stays local with a hint, anything numeric goes to the API, which names what it
 * rejects.
 */
export const AssumptionField = memo(function AssumptionField({ name, meta, value, note, error, onChange }: Props) {
  const id = useId();
  const [text, setText] = useState<string | null>(null);
  if (typeof value === "boolean") {
    return (
      <label className="flex items-start gap-2 text-sm text-slate-700" title={note}>
        <input type="checkbox" className="mt-0.5 size-4 accent-brand-600" checked={value} onChange={(e) => onChange(name, e.target.checked)} />
        <span>{meta.label}</span>
      </label>
    );
  }
  if (meta.options) {
    return (
      <div className="flex flex-col gap-1">
        <label htmlFor={id} className="text-xs font-medium text-slate-600">{meta.label}</label>
        <select id={id} title={note} value={String(value)} onChange={(e) => onChange(name, e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
          {meta.options.map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      </div>
    );
  }
  const shown = text ?? (typeof value === "number" ? String(toDisplay(name, value)) : "");
  const parsed = text === null ? null : text.trim() === "" ? Number.NaN : Number(text);
  const local = parsed !== null && Number.isNaN(parsed) ? "Enter a number" : null;
  const message = local ?? error;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {meta.label}
        {meta.unit && <span className="font-normal text-slate-400"> ({meta.unit})</span>}
      </label>
      <input
        id={id}
        inputMode="decimal"
        value={shown}
        title={note}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${id}-error` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const n = e.target.value.trim() === "" ? Number.NaN : Number(e.target.value);
          if (!Number.isNaN(n)) onChange(name, fromDisplay(name, n));
        }}
        className={cn("w-full rounded-md border bg-white px-2 py-1.5 text-sm tabular-nums shadow-xs outline-none focus:ring-2 focus:ring-brand-500", message ? "border-red-500" : "border-slate-300")}
      />
      {message && <p id={`${id}-error`} role="alert" className="text-xs text-red-600">{message}</p>}
    </div>
  );
});
