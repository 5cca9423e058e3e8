"use client";

import { memo, useMemo, useState } from "react";
import { Area, AreaChart, Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card } from "../ui/card";
import { num, usd, usdCompact } from "./format";
import type { CostEstimate } from "./types";

const BRAND = "#2459c9";
const SAVED = "#6ee7b7";
// Module-level formatters: new function props on every render would make recharts recompute.
const money = (v: unknown) => usd(typeof v === "number" ? v : Number(v));
const monthLabel = (label: unknown, items: readonly { payload?: { requests?: number } }[]) => `Month ${String(label)} · ${num(Number(items?.[0]?.payload?.requests ?? 0))} requests`;
const BAR_MARGIN = { left: 8, right: 16 };
const AREA_MARGIN = { left: 8, right: 16, top: 8 };
const CURSOR = { fill: "#f1f5f9" };

/**
 * The breakdown by service and the 12-month projection. recharts is the heaviest part of
 * the tab, so this module is loaded on demand (next/dynamic) after the numbers show.
 * Animations are off: the charts follow every assumption edit and must settle at once.
 * Every axis shows all its ticks (interval 0): the few ticks fit, and recharts' default
 * ("preserveEnd") measures each new tick label in the DOM on every update.
 */
function Breakdown({ estimate }: { estimate: CostEstimate }) {
  const [showFree, setShowFree] = useState(true);
  // Unknown prices have no bar (they are not $0); the table lists them.
  const data = useMemo(
    () => estimate.lines.filter((l) => l.monthly !== null).map((l) => ({ service: l.service, paid: l.monthly ?? 0, saved: showFree ? l.freeTierSaving : 0 })),
    [estimate.lines, showFree],
  );
  const unknown = estimate.lines.filter((l) => l.monthly === null).length;
  return (
    <Card className="flex flex-col gap-3" data-testid="breakdown-chart">
      <div className="flex items-center justify-between gap-4">
        <h3 className="shrink-0 font-semibold">By service</h3>
        <label className="flex items-center gap-2 text-xs text-slate-600">
          <input type="checkbox" className="size-3.5 accent-emerald-600" checked={showFree} onChange={(e) => setShowFree(e.target.checked)} />
          Highlight free-tier savings ({usd(estimate.freeTierSaving)})
        </label>
      </div>
      <div style={{ height: Math.max(120, data.length * 36 + 40) }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={BAR_MARGIN}>
            <CartesianGrid horizontal={false} stroke="#e2e8f0" />
            <XAxis type="number" tickFormatter={usdCompact} fontSize={11} stroke="#64748b" interval={0} />
            <YAxis type="category" dataKey="service" width={130} fontSize={11} stroke="#64748b" interval={0} />
            <Tooltip formatter={money} cursor={CURSOR} />
            <Bar dataKey="paid" name="Monthly cost" stackId="cost" fill={BRAND} isAnimationActive={false} />
            {showFree && <Bar dataKey="saved" name="Saved by free tier" stackId="cost" fill={SAVED} isAnimationActive={false} />}
          </BarChart>
        </ResponsiveContainer>
      </div>
      {/* A plain legend: cheaper to re-render than the chart's own on every edit. */}
      <p className="flex gap-4 text-xs text-slate-600">
        <span className="flex items-center gap-1"><span className="size-2.5 rounded-sm" style={{ background: BRAND }} />Monthly cost</span>
        {showFree && <span className="flex items-center gap-1"><span className="size-2.5 rounded-sm" style={{ background: SAVED }} />Saved by free tier</span>}
      </p>
      {unknown > 0 && <p className="text-xs text-amber-700">{unknown} service{unknown === 1 ? " has" : "s have"} no bar: price unknown (see the table).</p>}
    </Card>
  );
}

function Projection({ estimate }: { estimate: CostEstimate }) {
  const data = useMemo(() => estimate.projection.map((p) => ({ month: p.month, total: p.total, requests: p.requestsPerMonth })), [estimate.projection]);
  const first = estimate.projection[0];
  const last = estimate.projection[estimate.projection.length - 1];
  return (
    <Card className="flex flex-col gap-3" data-testid="projection-chart">
      <h3 className="font-semibold">Next 12 months</h3>
      <div className="h-56">
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={data} margin={AREA_MARGIN}>
            <CartesianGrid vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="month" fontSize={11} stroke="#64748b" interval={0} />
            <YAxis tickFormatter={usdCompact} fontSize={11} stroke="#64748b" width={56} interval={0} />
            <Tooltip formatter={money} labelFormatter={monthLabel} />
            <Area type="monotone" dataKey="total" name="Monthly total" stroke={BRAND} fill="#d9eaff" isAnimationActive={false} />
          </AreaChart>
        </ResponsiveContainer>
      </div>
      {first && last && (
        <p className="text-xs text-slate-500" data-testid="projection-caption">
          Month 1 {usd(first.total)} → month 12 {usd(last.total)} · 12 months {usd(estimate.projectionTotal)}
          {last.excludesUnknown && " (excludes unknown prices)"}
        </p>
      )}
    </Card>
  );
}

export default memo(function CostCharts({ estimate }: { estimate: CostEstimate }) {
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Breakdown estimate={estimate} />
      <Projection estimate={estimate} />
    </div>
  );
});
