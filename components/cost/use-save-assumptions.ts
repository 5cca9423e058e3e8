"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTRPC } from "../trpc/client";

/**
 * Stores the assumptions the user edited with the project once the estimate priced them
 * without an error, so they survive a reload and the Models tab prices the same traffic.
 */
export function useSaveAssumptions(projectId: string, usage: Record<string, unknown>, priced: boolean): void {
  const trpc = useTRPC();
  const { mutate } = useMutation(trpc.cost.saveAssumptions.mutationOptions());
  const saved = useRef(JSON.stringify({}));
  const key = JSON.stringify(usage);
  useEffect(() => {
    if (!priced || key === saved.current) return;
    saved.current = key;
    mutate({ projectId, usage: JSON.parse(key) as Record<string, unknown> });
  }, [priced, key, mutate, projectId]);
}
