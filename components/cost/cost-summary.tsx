"use client";

import { memo } from "react";
import { Card } from "../ui/card";
import { cn } from "../ui/cn";
import { usd, usdPrecise } from "./format";
import type { CostEstimate } from "./types";

function BudgetStatus({ budget, total }: { budget: CostEstimate["budget"]; total: number }) {
  if (budget.monthlyBudgetUsd === null) return <p className="text-sm text-slate-500">No monthly budget set.</p>;
  const over = budget.overBudget === true;
  return (
    <p data-testid="budget-status" className={cn("text-sm font-medium", over ? "text-red-700" : "text-emerald-700")}>
      {over
        ? `Over the ${usd(budget.monthlyBudgetUsd)} budget by ${usd(Math.round((total - budget.monthlyBudgetUsd) * 100) / 100)}`
        : `Within the ${usd(budget.monthlyBudgetUsd)} budget`}
    </p>
  );
}

/** Monthly total, cost per request, budget status and what the total leaves out. */
export const CostSummary = memo(function CostSummary({ estimate, refreshing }: { estimate: CostEstimate; refreshing: boolean }) {
  return (
    <Card className="flex h-full flex-wrap content-between items-end justify-between gap-6" aria-label="Cost summary">
      <div>
        <p className="text-sm text-slate-500">Monthly total ({estimate.region})</p>
        <p className={cn("text-4xl font-bold tabular-nums transition-opacity", refreshing && "opacity-60")} data-testid="cost-total">
          {usd(estimate.total)}
        </p>
        {estimate.totalExcludesUnknown && (
          <p className="mt-1 text-xs text-amber-700" data-testid="excludes-unknown">
            Excludes {estimate.unknownServices.join(", ")}: price unknown for this region or model.
          </p>
        )}
        <div className="mt-2">
          <BudgetStatus budget={estimate.budget} total={estimate.total} />
        </div>
      </div>
      <dl className="grid grid-cols-2 gap-x-8 gap-y-1 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-slate-500">Per request</dt>
          <dd className="font-medium tabular-nums" data-testid="cost-per-request">{estimate.perRequest === null ? "no traffic" : usdPrecise(estimate.perRequest)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Free tier saves</dt>
          <dd className="font-medium tabular-nums text-emerald-700">{usd(estimate.freeTierSaving)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">First 12 months</dt>
          <dd className="font-medium tabular-nums">{usd(estimate.projectionTotal)}</dd>
        </div>
      </dl>
      <div className="basis-full">
        <p className="text-xs text-slate-400">
          Usage {estimate.usageSource} · list prices (registry v{estimate.pricesVersion}), before tax and discounts
        </p>
      </div>
    </Card>
  );
});
