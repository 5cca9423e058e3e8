"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { fieldError } from "../ui/errors";
import { EmptyState, ErrorMessage, Spinner } from "../ui/feedback";
import type { ModelActions } from "./model-actions";
import { EMPTY_FILTERS, filterInput, ModelFilters, type ModelFilterState } from "./model-filters";
import { ModelList, type ModelView } from "./model-list";
import { useDebounced } from "../ui/use-debounced";

/** Every registry model, filtered on the server, in a virtualized list or grid. */
export function ModelBrowser({ actions }: { actions: ModelActions }) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<ModelFilterState>(EMPTY_FILTERS);
  const [view, setView] = useState<ModelView>("list");
  const [search] = useDebounced(filters.search, 250);
  const list = useQuery({
    ...trpc.registry.models.list.queryOptions(filterInput(filters, search)),
    placeholderData: keepPreviousData,
    // The registry changes only with a deploy.
    staleTime: Infinity,
  });
  const priceError = fieldError(list.error, "maxInputPrice");

  return (
    <Card className="flex flex-col gap-4" data-testid="model-browser">
      <div className="flex items-baseline justify-between gap-4">
        <h2 className="font-semibold">All models</h2>
        {list.data && (
          <p className="text-sm text-slate-500" data-testid="model-count" aria-live="polite">
            {list.data.models.length} of {list.data.total} models
          </p>
        )}
      </div>
      <ModelFilters value={filters} onChange={setFilters} view={view} onView={setView} priceError={priceError} />
      {list.isPending ? (
        <Spinner label="Loading models" />
      ) : list.isError && !priceError ? (
        <ErrorMessage error={list.error} retry={() => list.refetch()} />
      ) : list.data && list.data.models.length === 0 ? (
        <EmptyState title="No model matches these filters">
          <Button variant="secondary" onClick={() => setFilters(EMPTY_FILTERS)}>Clear filters</Button>
        </EmptyState>
      ) : list.data ? (
        <ModelList key={view} models={list.data.models} view={view} actions={actions} />
      ) : null}
    </Card>
  );
}
