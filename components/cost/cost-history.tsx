"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { errorMessage } from "../ui/errors";
import { targetLabel } from "../projects/deployment-targets";
import { usd } from "./format";

const SHOWN = 5;

/** Stored estimates: "Save" keeps the current what-if; applying a suggestion saves one too. */
export function CostHistory({ projectId, usage, canSave }: { projectId: string; usage: Record<string, unknown>; canSave: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const history = useQuery(trpc.cost.history.queryOptions({ projectId, limit: SHOWN }));
  const save = useMutation(
    trpc.cost.estimate.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.cost.history.pathKey() }) }),
  );
  return (
    <Card className="flex flex-col gap-3" aria-label="Saved estimates">
      <div className="flex items-center justify-between gap-2">
        <h3 className="font-semibold">Saved estimates</h3>
        <Button variant="secondary" className="px-2.5 py-1 text-xs" busy={save.isPending} disabled={!canSave} onClick={() => save.mutate({ projectId, usage })}>
          Save estimate
        </Button>
      </div>
      {save.error && <p role="alert" className="text-xs text-red-600">{errorMessage(save.error)}</p>}
      {history.data && history.data.length === 0 && <p className="text-sm text-slate-500">None yet.</p>}
      {history.data && history.data.length > 0 && (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="cost-history">
          {history.data.map((h) => (
            <li key={h.id} className="flex items-baseline justify-between gap-3 py-1.5">
              <span className="min-w-0 truncate text-xs text-slate-500" title={h.modelId}>
                {new Date(h.createdAt).toLocaleString()} · {targetLabel(h.target)} · {h.usageSource}
              </span>
              <span className="font-medium tabular-nums">{usd(h.total)}{h.totalExcludesUnknown && "*"}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
