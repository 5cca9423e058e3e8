"use client";

import { cn } from "../ui/cn";
import { elapsed, STAGES, stageStates, type ModificationView, type StageState } from "./stages";

const STYLE: Record<StageState, string> = {
  waiting: "border-slate-200 bg-white text-slate-400",
  active: "border-brand-500 bg-brand-50 text-brand-700 animate-pulse",
  done: "border-emerald-300 bg-emerald-50 text-emerald-700",
  failed: "border-red-300 bg-red-50 text-red-700",
  skipped: "border-slate-200 bg-slate-50 text-slate-300",
};
const MARK: Record<StageState, string> = { waiting: "○", active: "◐", done: "✓", failed: "✕", skipped: "–" };

/** PM → Dev → QA → Ops for one modification, with its state, elapsed time, QA rounds and error. */
export function PipelineView({ modification, now }: { modification: ModificationView; now: number | null }) {
  const states = stageStates(modification);
  return (
    <div data-testid="pipeline-view" data-status={modification.status}>
      <ol className="grid grid-cols-4 gap-2" aria-label="Pipeline">
        {STAGES.map((stage, i) => (
          <li key={stage.id} data-testid={`stage-${stage.id}`} data-state={states[i]} className={cn("rounded-lg border px-3 py-2 text-sm", STYLE[states[i]!])}>
            <span className="font-semibold">{MARK[states[i]!]} {stage.label}</span>
            <span className="block text-xs opacity-80">{stage.what}{stage.id === "qa" && modification.qaLoops > 0 ? ` · ${modification.qaLoops} round${modification.qaLoops > 1 ? "s" : ""} back to Dev` : ""}</span>
            {stage.id === "qa" && modification.evalGate?.regressed && <span data-testid="qa-regressed" className="mt-1 block rounded bg-red-100 px-1 text-xs font-semibold text-red-700">regressed: eval score −{modification.evalGate.drop?.toFixed(1)} vs v{modification.evalGate.baselineVersion}</span>}
          </li>
        ))}
      </ol>
      <p className="mt-2 text-xs text-slate-500">
        {modification.status} · {elapsed(modification, now)}
        {modification.plan ? ` · ${modification.plan.summary}` : ""}
      </p>
      {modification.status === "no-change" && (
        <p role="status" data-testid="no-change" className="mt-2 rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-700">No change needed: the spec already does what was asked.</p>
      )}
      {modification.plan && modification.plan.engine === "model" && <p className="mt-1 text-xs text-slate-500">Planned by the configured model; every change was validated.</p>}
      {modification.error && modification.status === "failed" && (
        <p role="alert" className="mt-2 rounded-md bg-red-50 px-3 py-2 text-xs text-red-700">{modification.error}</p>
      )}
    </div>
  );
}
