"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { Capability } from "~/server/registry/schema";
import { useTRPC } from "../trpc/client";
import { Card } from "../ui/card";
import { fieldError } from "../ui/errors";
import { ErrorMessage, Spinner } from "../ui/feedback";
import { Field } from "../ui/input";
import { ProviderBadge, RecommendedBadge } from "./badges";
import { CAPABILITIES, formatUsd } from "./format";
import { CompareToggle, UseModelButton, type ModelActions } from "./model-actions";
import { recommendInput, type TrafficState } from "./traffic";
import { useDebounced } from "../ui/use-debounced";

type Props = { traffic: TrafficState; onTraffic: (t: TrafficState) => void; actions: ModelActions };

/** The user's budget and traffic in, ranked models with their reasons and monthly cost out. */
export function RecommendationPanel({ traffic, onTraffic, actions }: Props) {
  const trpc = useTRPC();
  // Debounce the serialized input: a string is stable between renders, an object is not.
  const [key] = useDebounced(JSON.stringify(recommendInput(traffic)), 300);
  const recs = useQuery({ ...trpc.registry.models.recommend.queryOptions(JSON.parse(key)), placeholderData: keepPreviousData });
  const set = <K extends keyof TrafficState>(k: K, v: TrafficState[K]) => onTraffic({ ...traffic, [k]: v });
  const toggle = (c: Capability) => set("capabilities", traffic.capabilities.includes(c) ? traffic.capabilities.filter((x) => x !== c) : [...traffic.capabilities, c]);
  const err = (field: string) => fieldError(recs.error, field);
  const generalError = recs.error && !["useCase", "monthlyBudgetUsd", "requestsPerDay", "inputTokens", "outputTokens"].some(err) ? recs.error : null;

  return (
    <Card data-testid="recommendations">
      <h2 className="font-semibold">Recommended for your agent</h2>
      <p className="text-sm text-slate-500">Bedrock first, never over your budget when a model fits it; costs are model tokens only, at your traffic.</p>
      <div className="mt-4 grid grid-cols-2 gap-3 md:grid-cols-6">
        <Field className="col-span-2" label="Use case" placeholder="e.g. customer support chat with order lookups" value={traffic.useCase} onChange={(e) => set("useCase", e.target.value)} error={err("useCase")} />
        <Field label="Monthly budget (USD)" type="number" step="any" placeholder="no limit" value={traffic.budget} onChange={(e) => set("budget", e.target.value)} error={err("monthlyBudgetUsd")} />
        <Field label="Requests per day" type="number" step="any" value={traffic.requestsPerDay} onChange={(e) => set("requestsPerDay", e.target.value)} error={err("requestsPerDay")} />
        <Field label="Input tokens / request" type="number" value={traffic.inputTokens} onChange={(e) => set("inputTokens", e.target.value)} error={err("inputTokens")} />
        <Field label="Output tokens / request" type="number" value={traffic.outputTokens} onChange={(e) => set("outputTokens", e.target.value)} error={err("outputTokens")} />
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <span className="text-sm text-slate-600">Must support:</span>
        {CAPABILITIES.map(({ id, label }) => (
          <button
            key={id}
            type="button"
            aria-pressed={traffic.capabilities.includes(id)}
            onClick={() => toggle(id)}
            className="rounded-full border border-slate-300 px-2.5 py-1 text-xs text-slate-700 hover:bg-slate-50 aria-pressed:border-brand-600 aria-pressed:bg-brand-50 aria-pressed:text-brand-700"
          >
            {label}
          </button>
        ))}
      </div>
      <div className="mt-4">
        {recs.isPending ? (
          <Spinner label="Ranking models" />
        ) : generalError ? (
          <ErrorMessage error={generalError} retry={() => recs.refetch()} />
        ) : recs.data && recs.data.length === 0 ? (
          <p className="text-sm text-slate-600">No model has every required capability. Remove one to see recommendations.</p>
        ) : recs.data ? (
          <ol className={recs.isPlaceholderData || recs.isError ? "opacity-50" : undefined} aria-label="Recommended models">
            {recs.data.map((r, i) => (
              <li key={r.model.id} className="flex gap-4 border-t border-slate-100 py-3 first:border-t-0" data-testid="recommendation" data-model-id={r.model.id}>
                <span className="w-6 shrink-0 text-right text-sm font-semibold text-slate-400">{i + 1}</span>
                <div className="min-w-0 flex-1">
                  <div className="flex flex-wrap items-center gap-1.5">
                    <span className="font-medium">{r.model.name}</span>
                    {r.model.recommended && <RecommendedBadge />}
                    <ProviderBadge provider={r.model.provider} />
                    <span className={r.withinBudget ? "rounded-full bg-emerald-50 px-2 py-0.5 text-xs text-emerald-800" : "rounded-full bg-red-50 px-2 py-0.5 text-xs text-red-800"}>
                      {r.withinBudget ? "Within budget" : r.monthlyCostUsd === null ? "Cost unknown" : "Over budget"}
                    </span>
                  </div>
                  <code className="block truncate text-xs text-slate-500">{r.model.id}</code>
                  <ul className="mt-1 list-disc pl-5 text-sm text-slate-600">
                    {r.reasons.map((reason) => <li key={reason}>{reason}</li>)}
                  </ul>
                </div>
                <div className="flex shrink-0 flex-col items-end gap-2">
                  <p className="text-right">
                    <span className={r.monthlyCostUsd === null ? "font-semibold italic text-slate-500" : "font-semibold tabular-nums"} data-testid="monthly-cost">{formatUsd(r.monthlyCostUsd)}</span>
                    <span className="block text-xs text-slate-500">per month</span>
                  </p>
                  <UseModelButton id={r.model.id} actions={actions} />
                  <CompareToggle id={r.model.id} name={r.model.name} actions={actions} />
                </div>
              </li>
            ))}
          </ol>
        ) : null}
      </div>
    </Card>
  );
}
