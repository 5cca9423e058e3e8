"use client";

import { Files, GitCompare } from "lucide-react";
import { cn } from "../ui/cn";
import { previousOf, type CodeParams, type CodeSelection } from "./code-params";
import { DownloadButtons } from "./download-buttons";
import { GenerateButton } from "./generate-panel";
import type { VersionSummary } from "./types";
import type { GenerateState } from "./use-generate";
import { VersionPicker } from "./version-picker";

type Props = { projectId: string; versions: readonly VersionSummary[]; selection: CodeSelection; setParams: (next: CodeParams) => void; gen: GenerateState };

/** Version choice, Files/Diff switch, Generate and the downloads. */
export function CodeToolbar({ projectId, versions, selection, setParams, gen }: Props) {
  const newestId = versions[0]!.id;
  // Picking the newest drops the pin, so the tab keeps following new versions.
  const pin = (id: string) => (id === newestId ? null : id);
  const { mode, selected, base } = selection;
  const canDiff = versions.length > 1;
  const toDiff = () => {
    const from = previousOf(versions, selected.id) ?? versions.find((v) => v.id !== selected.id);
    if (from) setParams({ version: pin(selected.id), diff: from.id });
  };

  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-3">
      <div role="group" aria-label="View" className="inline-flex rounded-md ring-1 ring-slate-300">
        <button
          type="button"
          aria-pressed={mode === "browse"}
          onClick={() => setParams({ version: pin(selected.id), diff: null })}
          className={cn("inline-flex items-center gap-1.5 rounded-l-md px-3 py-1.5 text-sm", mode === "browse" ? "bg-slate-800 text-white" : "bg-white text-slate-700 hover:bg-slate-50")}
        >
          <Files className="size-4" aria-hidden /> Files
        </button>
        <button
          type="button"
          aria-pressed={mode === "diff"}
          disabled={!canDiff}
          title={canDiff ? "Compare two versions" : "A diff needs two versions"}
          onClick={toDiff}
          className={cn("inline-flex items-center gap-1.5 rounded-r-md px-3 py-1.5 text-sm disabled:cursor-not-allowed disabled:text-slate-300", mode === "diff" ? "bg-slate-800 text-white" : "bg-white text-slate-700 hover:bg-slate-50")}
        >
          <GitCompare className="size-4" aria-hidden /> Diff
        </button>
      </div>
      {mode === "browse" ? (
        <VersionPicker label="Version" versions={versions} value={selected.id} onChange={(id) => setParams({ version: pin(id), diff: null })} />
      ) : (
        <>
          <VersionPicker label="From" versions={versions} value={base?.id ?? ""} onChange={(id) => setParams({ version: pin(selected.id), diff: id })} />
          <VersionPicker label="To" versions={versions} value={selected.id} onChange={(id) => setParams({ version: pin(id), diff: base?.id ?? null })} />
        </>
      )}
      <div className="ml-auto flex items-center gap-2">
        <DownloadButtons projectId={projectId} version={selected} />
        <GenerateButton gen={gen} label="Regenerate" />
      </div>
    </div>
  );
}
