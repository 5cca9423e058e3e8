"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { isFinished, type ModificationView } from "../pipeline/stages";
import { useTRPC } from "../trpc/client";
import { specIssuesOf, type SpecIssue } from "./spec-issues";

/** Polls only as a fallback while something runs; the realtime socket normally refreshes first. */
const FALLBACK_POLL_MS = 3000;

export type GenerateState = {
  generate: () => void;
  pending: boolean;
  /** The generation this tab started, else any change still running for the project. */
  active: ModificationView | null;
  /** Set when the draft is incomplete: the fields to fill before generating. */
  issues: SpecIssue[] | null;
  error: unknown;
};

/**
 * generation.generate for the project's draft, and the progress of what it started. The
 * modification list is shared with PipelinePanel, which keeps it live over the WebSocket.
 */
export function useGenerate(projectId: string): GenerateState {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listKey = trpc.modification.list.queryKey({ projectId });
  const [trackedId, setTrackedId] = useState<string | null>(null);
  const modifications = useQuery({
    ...trpc.modification.list.queryOptions({ projectId }),
    refetchInterval: (q) => (q.state.data?.some((m) => !isFinished(m)) ? FALLBACK_POLL_MS : false),
  });
  const mutation = useMutation(
    trpc.generation.generate.mutationOptions({
      onSuccess: (m) => {
        setTrackedId(m.modificationId);
        queryClient.setQueryData(listKey, (old) => (old && !old.some((x) => x.modificationId === m.modificationId) ? [m, ...old] : old));
        void queryClient.invalidateQueries({ queryKey: listKey });
      },
    }),
  );

  const list = modifications.data ?? [];
  const tracked = trackedId ? (list.find((m) => m.modificationId === trackedId) ?? (mutation.data?.modificationId === trackedId ? mutation.data : null)) : null;
  const active = tracked ?? list.find((m) => !isFinished(m)) ?? null;

  // When it lands, the new version must show even if a realtime event was missed.
  const landed = active?.status === "done" ? active.modificationId : null;
  useEffect(() => {
    if (landed) void queryClient.invalidateQueries({ queryKey: trpc.generation.listVersions.queryKey({ projectId }) });
  }, [landed, queryClient, trpc, projectId]);

  return {
    generate: () => mutation.mutate({ projectId }),
    pending: mutation.isPending || (!!active && !isFinished(active)),
    active,
    issues: specIssuesOf(mutation.error),
    error: mutation.error,
  };
}
