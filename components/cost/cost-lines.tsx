"use client";

import { memo } from "react";
import { Card } from "../ui/card";
import { usd } from "./format";
import type { CostEstimate } from "./types";

/** Every line with its arithmetic; an unknown price is said, never shown as $0. */
export const CostLines = memo(function CostLines({ estimate }: { estimate: CostEstimate }) {
  return (
    <Card className="overflow-x-auto p-0">
      <table className="w-full text-sm" aria-label="Cost breakdown">
        <thead className="border-b border-slate-200 text-left text-xs text-slate-500">
          <tr>
            <th className="px-5 py-2 font-medium">Service</th>
            <th className="px-3 py-2 text-right font-medium">Per month</th>
            <th className="px-5 py-2 font-medium">How it is computed</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {estimate.lines.map((l) => (
            <tr key={l.service} data-testid="cost-line">
              <td className="px-5 py-2 align-top font-medium whitespace-nowrap">{l.service}</td>
              <td className="px-3 py-2 text-right align-top tabular-nums whitespace-nowrap">
                {l.monthly === null ? (
                  <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">price unknown</span>
                ) : (
                  usd(l.monthly)
                )}
                {l.freeTierSaving > 0 && <div className="text-xs text-emerald-700">−{usd(l.freeTierSaving)} free tier</div>}
              </td>
              <td className="px-5 py-2 align-top text-xs text-slate-500">{l.detail}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t border-slate-200 font-semibold">
          <tr>
            <td className="px-5 py-2">Total</td>
            <td className="px-3 py-2 text-right tabular-nums">{usd(estimate.total)}</td>
            <td className="px-5 py-2 text-xs font-normal text-slate-500">{estimate.totalExcludesUnknown ? "known prices only" : ""}</td>
          </tr>
        </tfoot>
      </table>
    </Card>
  );
});
