"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ProjectSelection } from "~/server/registry/selections";
import { useTRPC } from "../trpc/client";
import { ErrorMessage, Spinner } from "../ui/feedback";
import { ComparePanel } from "./compare-panel";
import { CurrentModel } from "./current-model";
import type { ModelActions } from "./model-actions";
import { ModelBrowser } from "./model-browser";
import { RecommendationPanel } from "./recommendation-panel";
import { initialTraffic, type ProjectTraffic, type TrafficState } from "./traffic";

/** Side-by-side tables stay readable up to four columns. */
const COMPARE_LIMIT = 4;

/** The Models tab: current choice, recommendations, comparison and the whole registry. */
export function ModelSelector({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const selection = useQuery(trpc.selection.get.queryOptions({ projectId }));
  // The project's one usage assumption, shared with the Cost tab (null until a model and target are known).
  const traffic = useQuery(trpc.cost.traffic.queryOptions({ projectId }, { retry: false }));
  if (selection.isPending || traffic.isPending) return <Spinner label="Loading selection" />;
  if (selection.isError) return <ErrorMessage error={selection.error} retry={() => selection.refetch()} />;
  return <ModelWorkspace projectId={projectId} selection={selection.data} projectTraffic={traffic.data ?? null} />;
}

function ModelWorkspace({ projectId, selection, projectTraffic }: { projectId: string; selection: ProjectSelection; projectTraffic: ProjectTraffic }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const setModel = useMutation(
    trpc.selection.setModel.mutationOptions({ onSuccess: (data) => queryClient.setQueryData(trpc.selection.get.queryKey({ projectId }), data) }),
  );
  const [traffic, setTraffic] = useState<TrafficState>(() => initialTraffic(selection.requirements, projectTraffic));
  const [compareIds, setCompareIds] = useState<string[]>([]);

  const actions: ModelActions = {
    selectedId: selection.model?.id ?? null,
    pendingId: setModel.isPending ? (setModel.variables?.modelId ?? null) : null,
    use: (modelId) => setModel.mutate({ projectId, modelId }),
    compareIds,
    compareLimit: COMPARE_LIMIT,
    toggleCompare: (id) =>
      setCompareIds((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : ids.length >= COMPARE_LIMIT ? ids : [...ids, id])),
  };

  return (
    <div className="flex flex-col gap-6">
      <CurrentModel model={selection.model} />
      {setModel.error && <ErrorMessage error={setModel.error} />}
      <RecommendationPanel traffic={traffic} onTraffic={setTraffic} actions={actions} />
      {compareIds.length > 0 && <ComparePanel ids={compareIds} traffic={traffic} actions={actions} onClear={() => setCompareIds([])} />}
      <ModelBrowser actions={actions} />
    </div>
  );
}
