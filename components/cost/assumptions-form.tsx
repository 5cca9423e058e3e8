"use client";

import { memo } from "react";
import { Card } from "../ui/card";
import { AssumptionField } from "./assumption-field";
import { ASSUMPTION_META, monthToPerDay, REQUESTS_PER_DAY } from "./assumption-meta";
import type { CostView } from "./types";

type Props = {
  view: CostView;
  /** Bumped when the overrides are replaced from outside (a suggestion applied): inputs reset. */
  epoch: number;
  error: { field: string; message: string } | null;
  onChange: (name: string, value: number | boolean | string) => void;
};

type Row = { name: string; value: number | boolean | string | null; note: string };

/** The estimate's editable assumptions, in its order; requests per month is edited per day. */
function rows(view: CostView): Row[] {
  return view.estimate.assumptions
    .filter((a) => a.editable && ASSUMPTION_META[a.key === "requestsPerMonth" ? REQUESTS_PER_DAY : a.key])
    .map((a) =>
      a.key === "requestsPerMonth"
        ? { name: REQUESTS_PER_DAY, value: Math.round(monthToPerDay(view.usage.requestsPerMonth, view.usage.hoursPerMonth) * 100) / 100, note: a.note }
        : { name: a.key, value: a.value, note: a.note },
    );
}

/** The assumptions, editable in place; each change re-prices the estimate after a short pause. */
export const AssumptionsForm = memo(function AssumptionsForm({ view, epoch, error, onChange }: Props) {
  const all = rows(view);
  const field = (r: Row) => {
    const apiField = r.name === REQUESTS_PER_DAY ? "requestsPerMonth" : r.name;
    return (
      <AssumptionField
        key={`${r.name}:${epoch}`}
        name={r.name}
        meta={ASSUMPTION_META[r.name]!}
        value={r.value}
        note={r.note}
        error={error?.field === apiField ? error.message : null}
        onChange={onChange}
      />
    );
  };
  const { calibration } = view;
  return (
    <Card className="flex flex-col gap-4" aria-label="Assumptions">
      <div>
        <h3 className="font-semibold">Assumptions</h3>
        <p className="text-xs text-slate-500" data-testid="usage-source">
          {calibration
            ? `Tokens and latency ${calibration.source === "deployment" ? `measured from ${calibration.runs} invocations of the deployed agent` : `measured over ${calibration.runs} test run${calibration.runs === 1 ? "" : "s"}`}${view.estimate.usageSource === "estimated" ? " (overridden below)" : ""}.`
            : "Tokens and latency are estimates: test runs will calibrate them."}
        </p>
        {view.notes.map((n) => <p key={n} className="mt-1 text-xs text-amber-700">{n}</p>)}
      </div>
      <div className="grid grid-cols-2 items-end gap-3 sm:grid-cols-4">{all.filter((r) => ASSUMPTION_META[r.name]!.primary && typeof r.value !== "boolean").map(field)}</div>
      <div className="flex flex-wrap gap-x-6 gap-y-2">{all.filter((r) => typeof r.value === "boolean").map(field)}</div>
      <details className="group">
        <summary className="cursor-pointer text-sm font-medium text-slate-600 hover:text-slate-900">More assumptions</summary>
        <div className="mt-3 grid grid-cols-2 items-end gap-3 sm:grid-cols-4">{all.filter((r) => !ASSUMPTION_META[r.name]!.primary && typeof r.value !== "boolean").map(field)}</div>
      </details>
    </Card>
  );
});
