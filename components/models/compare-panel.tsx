"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import type { CompareRow, CompareValue } from "~/server/registry/compare";
import type { ModelProvider } from "~/server/registry/schema";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { cn } from "../ui/cn";
import { ErrorMessage, Spinner } from "../ui/feedback";
import { formatFlag, formatPrice, formatTokens, formatUsd, providerLabel, sourceName, UNKNOWN } from "./format";
import { UseModelButton, type ModelActions } from "./model-actions";
import { usageInput, type TrafficState } from "./traffic";
import { useDebounced } from "../ui/use-debounced";

function formatValue(row: CompareRow, v: CompareValue): string {
  // A null profile is a fact (an in-region id), not a gap in the data.
  if (row.key === "inferenceProfile") return v === null ? "none (in-region)" : String(v);
  if (v === null) return UNKNOWN;
  if (typeof v === "boolean") return formatFlag(v);
  if (row.key === "provider") return providerLabel(v as ModelProvider);
  if (typeof v === "number") {
    if (row.unit === "tokens") return formatTokens(v);
    if (row.unit === "USD / 1M tokens") return formatPrice(v);
    if (row.unit === "USD / month") return formatUsd(v);
  }
  return String(v);
}

type Props = { ids: readonly string[]; traffic: TrafficState; actions: ModelActions; onClear: () => void };

/** The models ticked for comparison, side by side: one row per fact, the best value highlighted. */
export function ComparePanel({ ids, traffic, actions, onClear }: Props) {
  const trpc = useTRPC();
  const [key] = useDebounced(JSON.stringify({ ids, usage: usageInput(traffic) }), 200);
  const input = JSON.parse(key) as { ids: string[]; usage?: { requestsPerDay: number; inputTokens: number; outputTokens: number } };
  const table = useQuery({ ...trpc.registry.models.compare.queryOptions(input), enabled: input.ids.length >= 2, placeholderData: keepPreviousData });

  return (
    <Card data-testid="compare-panel">
      <div className="flex items-center justify-between gap-4">
        <div>
          <h2 className="font-semibold">Compare side by side ({ids.length}/{actions.compareLimit})</h2>
          {ids.length < 2 ? (
            <p className="text-sm text-slate-500">Tick “Compare” on at least two models.</p>
          ) : table.data ? (
            <p className="text-sm text-slate-500">
              Monthly cost at {table.data.usage.requestsPerDay.toLocaleString("en-US")} requests/day × {table.data.usage.inputTokens.toLocaleString("en-US")} input + {table.data.usage.outputTokens.toLocaleString("en-US")} output tokens
              {table.data.usage.assumed ? " (assumed traffic: fill in all three traffic figures above to use yours)" : ""}.
            </p>
          ) : null}
        </div>
        <Button variant="ghost" onClick={onClear}>Clear</Button>
      </div>
      {ids.length >= 2 && (
        <div className="mt-4 overflow-x-auto">
          {table.isPending ? (
            <Spinner label="Comparing" />
          ) : table.isError ? (
            <ErrorMessage error={table.error} retry={() => table.refetch()} />
          ) : (
            <table className={cn("w-full min-w-[640px] border-collapse text-sm", table.isPlaceholderData && "opacity-60")} data-testid="compare-table">
              <thead>
                <tr>
                  <th className="w-44 p-2 text-left align-bottom font-medium text-slate-500">Model</th>
                  {table.data.models.map((m) => (
                    <th key={m.id} scope="col" className="p-2 text-left align-top font-normal">
                      <div className="flex items-start justify-between gap-2">
                        <span className="font-semibold text-slate-900">{m.name}</span>
                        <button type="button" className="text-slate-400 hover:text-slate-700" aria-label={`Remove ${m.name} from comparison`} onClick={() => actions.toggleCompare(m.id)}>
                          <X className="size-4" aria-hidden />
                        </button>
                      </div>
                      <code className="block break-all text-xs text-slate-500">{m.id}</code>
                      <UseModelButton id={m.id} actions={actions} className="mt-2" />
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.data.rows.map((row) => (
                  <tr key={row.key} className="border-t border-slate-100">
                    <th scope="row" className="p-2 text-left font-medium text-slate-600">
                      {row.label}
                      {row.unit && <span className="block text-xs font-normal text-slate-400">{row.unit}</span>}
                    </th>
                    {row.values.map((v, i) => (
                      <td key={i} className={cn("p-2 tabular-nums", v === null && row.key !== "inferenceProfile" && "italic text-slate-500", row.best.includes(i) && "bg-emerald-50 font-semibold text-emerald-900")}>
                        {formatValue(row, v)}
                      </td>
                    ))}
                  </tr>
                ))}
                <tr className="border-t border-slate-100">
                  <th scope="row" className="p-2 text-left font-medium text-slate-600">Source</th>
                  {table.data.models.map((m) => (
                    <td key={m.id} className="p-2 text-xs text-slate-500" data-testid="model-source">{sourceName(m.source)}, as of {m.asOf}</td>
                  ))}
                </tr>
              </tbody>
            </table>
          )}
        </div>
      )}
    </Card>
  );
}
