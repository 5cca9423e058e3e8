"use client";

import { useId } from "react";
import type { VersionSummary } from "./types";

function optionLabel(v: VersionSummary, newest: boolean): string {
  const verdict = !v.verification ? "" : v.verification.ok ? " · verified" : " · failed checks";
  return `v${v.version}${newest ? " (newest)" : ""} · ${new Date(v.createdAt).toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" })}${verdict}`;
}

/** A labelled select over the project's versions, newest first. */
export function VersionPicker({ label, versions, value, onChange }: { label: string; versions: readonly VersionSummary[]; value: string; onChange: (id: string) => void }) {
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-xs">
        {versions.map((v, i) => (
          <option key={v.id} value={v.id}>{optionLabel(v, i === 0)}</option>
        ))}
      </select>
    </div>
  );
}
