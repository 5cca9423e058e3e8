"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ErrorMessage, Spinner } from "../ui/feedback";
import { RunConsole } from "./run-console";
import { ms, type RunDetail } from "./types";

const signed = (v: number | null, fmt: (n: number) => string) => (v === null ? "–" : `${v > 0 ? "+" : v < 0 ? "−" : "±"}${fmt(Math.abs(v))}`);

const summaryOf = (r: RunDetail) => ({ status: r.status, modelUsed: r.modelUsed, firstTokenMs: r.latencyFirstTokenMs, totalMs: r.latencyTotalMs, tokensIn: r.tokensIn, tokensOut: r.tokensOut, error: r.error });

/** Two runs side by side, with what changed from A to B. */
export function RunCompare({ projectId, a, b, onClose }: { projectId: string; a: string; b: string; onClose(): void }) {
  const trpc = useTRPC();
  const cmp = useQuery(trpc.testing.compare.queryOptions({ projectId, a, b }));
  if (cmp.isPending) return <Spinner label="Comparing" />;
  if (cmp.isError) return <ErrorMessage error={cmp.error} retry={() => cmp.refetch()} />;
  const { diff } = cmp.data;
  return (
    <Card data-testid="run-compare" className="flex flex-col gap-4">
      <div className="flex items-center justify-between">
        <h3 className="font-semibold">Compare runs</h3>
        <Button variant="ghost" onClick={onClose}>Close</Button>
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
        <div><dt className="text-xs text-slate-500">Output</dt><dd>{diff.sameOutput ? "identical" : "different"}</dd></div>
        <div><dt className="text-xs text-slate-500">Tools called</dt><dd>{diff.sameTools ? "same" : "different"}</dd></div>
        <div><dt className="text-xs text-slate-500">Total latency (B − A)</dt><dd className="tabular-nums">{signed(diff.latencyTotalMs, (n) => ms(n))}</dd></div>
        <div><dt className="text-xs text-slate-500">Tokens in / out (B − A)</dt><dd className="tabular-nums">{signed(diff.tokensIn, String)} / {signed(diff.tokensOut, String)}</dd></div>
      </dl>
      <div className="grid gap-4 lg:grid-cols-2">
        {([["A", cmp.data.a], ["B", cmp.data.b]] as const).map(([side, run]) => (
          <div key={side} className="min-w-0">
            <p className="mb-1 truncate text-sm"><span className="font-semibold">{side}</span> · “{run.input}”</p>
            <RunConsole events={run.events} summary={summaryOf(run)} live={false} />
          </div>
        ))}
      </div>
    </Card>
  );
}
