"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useCallback, useDeferredValue, useMemo, useRef, useState } from "react";
import { useTRPC } from "../trpc/client";
import { Card } from "../ui/card";
import { ErrorMessage, Spinner } from "../ui/feedback";
import { fromUsage, REQUESTS_PER_DAY, toUsage } from "./assumption-meta";
import { AssumptionsForm } from "./assumptions-form";
import { CostHistory } from "./cost-history";
import { CostLines } from "./cost-lines";
import { CostSetup } from "./cost-setup";
import { CostSummary } from "./cost-summary";
import { SpecSummary } from "./spec-summary";
import { SuggestionsList } from "./suggestions-list";
import { errorDetails, type CostView, type DeploymentTarget, type Overrides } from "./types";
import { useDebounced } from "../ui/use-debounced";
import { useSaveAssumptions } from "./use-save-assumptions";

/** recharts is loaded after the numbers are on screen. */
const CostCharts = dynamic(() => import("./cost-charts"), {
  ssr: false,
  loading: () => <Card className="h-72 animate-pulse bg-slate-100" aria-label="Loading charts" />,
});

/** Long enough to wait out a typed number, short enough to feel live. */
const DEBOUNCE_MS = 250;

/**
 * The Cost tab: the project's monthly cost from its spec draft, re-priced live as the
 * assumptions change (debounced; the previous result stays on screen meanwhile), with
 * suggestions that change the draft when applied.
 */
export function CostTab({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [overrides, setOverrides] = useState<Overrides>({});
  const [settled, flush] = useDebounced(overrides, DEBOUNCE_MS);
  const [epoch, setEpoch] = useState(0);
  const [changed, setChanged] = useState<{ title: string; from: { modelId: string } } | null>(null);
  const usage = useMemo(() => toUsage(settled), [settled]);
  const preview = useQuery(trpc.cost.preview.queryOptions({ projectId, usage }, { placeholderData: keepPreviousData }));
  // The last good estimate stays visible while a bad figure is being corrected.
  const lastGood = useRef<CostView | null>(null);
  if (preview.data) lastGood.current = preview.data;
  const view = preview.data ?? lastGood.current;
  // The charts (recharts, the costliest part) follow in their own, interruptible render:
  // the numbers commit in the first frame, and typing is never blocked by a chart.
  const chartEstimate = useDeferredValue(view?.estimate);
  useSaveAssumptions(projectId, usage, preview.isSuccess && !preview.isPlaceholderData);

  const onChange = useCallback((name: string, value: number | boolean | string) => setOverrides((o) => ({ ...o, [name]: value })), []);
  const refreshAll = () => queryClient.invalidateQueries();

  const apply = useMutation(
    trpc.cost.applySuggestion.mutationOptions({
      onSuccess: (r) => {
        // Keep what the user typed; take the usage the suggestion changed (e.g. cached share).
        const next: Overrides = { ...overrides };
        for (const [k, v] of Object.entries(fromUsage(r.usage))) if (k !== REQUESTS_PER_DAY) next[k] = v;
        setChanged({ title: r.applied.title, from: { modelId: view?.spec.modelId ?? "" } });
        setOverrides(next);
        flush(next);
        setEpoch((e) => e + 1);
        const seeded = trpc.cost.preview.queryKey({ projectId, usage: toUsage(next) });
        queryClient.setQueryData(seeded, r.result);
        // Everything the new draft affects refreshes, except the estimate the server just returned.
        const seededKey = JSON.stringify(seeded);
        void queryClient.invalidateQueries({ predicate: (q) => JSON.stringify(q.queryKey) !== seededKey });
      },
    }),
  );
  const setTarget = useMutation(trpc.cost.setTarget.mutationOptions({ onSuccess: () => void refreshAll() }));
  // mutate is stable, so the memoised lists do not re-render on every keystroke.
  const { mutate: applyMutate } = apply;
  const { mutate: targetMutate } = setTarget;
  const onApply = useCallback((suggestionId: string) => applyMutate({ projectId, suggestionId, usage }), [applyMutate, projectId, usage]);
  const onTarget = useCallback((target: DeploymentTarget) => targetMutate({ projectId, target }), [targetMutate, projectId]);

  const details = errorDetails(preview.error);
  if (details?.missing) return <CostSetup missing={details.missing} onTarget={onTarget} pending={setTarget.isPending} />;
  if (!view) {
    if (preview.isError) return <ErrorMessage error={preview.error} retry={() => preview.refetch()} />;
    return <Spinner label="Estimating" />;
  }
  const fieldError = details?.field && preview.error ? { field: details.field, message: preview.error.message.replace(/^Invalid usage: /, "") } : null;
  const updating = preview.isFetching || overrides !== settled;

  return (
    <div className="flex flex-col gap-6" data-testid="cost-tab" aria-busy={updating}>
      {preview.isError && (
        <ErrorMessage error={fieldError ? new Error(`${fieldError.message}. Showing the last valid estimate.`) : preview.error} />
      )}
      {(apply.error || setTarget.error) && <ErrorMessage error={apply.error ?? setTarget.error} />}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <CostSummary estimate={view.estimate} refreshing={updating} />
        </div>
        <SpecSummary spec={view.spec} changed={changed} onTarget={onTarget} targetPending={setTarget.isPending} />
        <div className="lg:col-span-2">
          <AssumptionsForm view={view} epoch={epoch} error={fieldError} onChange={onChange} />
        </div>
        <SuggestionsList suggestions={view.estimate.suggestions} onApply={onApply} pendingId={apply.isPending ? (apply.variables?.suggestionId ?? null) : null} />
      </div>
      <CostCharts estimate={chartEstimate ?? view.estimate} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <CostLines estimate={view.estimate} />
        </div>
        <CostHistory projectId={projectId} usage={usage} canSave={!preview.isError} />
      </div>
    </div>
  );
}
