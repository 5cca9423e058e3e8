"use client";

import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { EmptyState } from "../ui/feedback";
import { ModelBadge } from "./model-badge";
import { ms, statusOf, tokens, usd, type RunSummary } from "./types";

type Props = {
  runs: RunSummary[];
  versions: Map<string, number>;
  activeRunId: string | null;
  compare: string[];
  rerunning: string | null;
  onView(runId: string): void;
  onRerun(runId: string): void;
  onToggleCompare(runId: string): void;
};

/** Past runs, newest first, with their metrics; view, re-run, and pick two to compare. */
export function RunHistory({ runs, versions, activeRunId, compare, rerunning, onView, onRerun, onToggleCompare }: Props) {
  if (runs.length === 0) return <EmptyState title="No runs yet">Type an input above and run the agent.</EmptyState>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label="Run history">
        <thead className="text-xs text-slate-500">
          <tr className="border-b border-slate-200">
            <th className="py-2 pr-2 font-medium">Compare</th>
            <th className="py-2 pr-2 font-medium">Status</th>
            <th className="py-2 pr-2 font-medium">Input</th>
            <th className="py-2 pr-2 font-medium">Version</th>
            <th className="py-2 pr-2 font-medium">Model</th>
            <th className="py-2 pr-2 font-medium">First token</th>
            <th className="py-2 pr-2 font-medium">Total</th>
            <th className="py-2 pr-2 font-medium">Tokens in/out</th>
            <th className="py-2 pr-2 font-medium">Cost</th>
            <th className="py-2" />
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => {
            const status = statusOf(r.status);
            return (
              <tr key={r.id} data-testid="run-row" data-run-id={r.id} className={cn("border-b border-slate-100", activeRunId === r.id && "bg-brand-50/40")}>
                <td className="py-2 pr-2">
                  <input type="checkbox" aria-label={`Compare run ${r.id}`} checked={compare.includes(r.id)} onChange={() => onToggleCompare(r.id)} disabled={!compare.includes(r.id) && compare.length >= 2} />
                </td>
                <td className="py-2 pr-2">
                  <span className={cn("whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium", status.tone)} title={r.error ?? undefined}>{status.label}</span>
                  {r.suiteRunId && <span className="ml-1 text-[11px] text-slate-400">suite</span>}
                </td>
                <td className="max-w-[16rem] truncate py-2 pr-2" title={r.input}>{r.input}</td>
                <td className="py-2 pr-2 text-slate-600">{r.versionId ? `v${versions.get(r.versionId) ?? "?"}` : "–"}</td>
                <td className="py-2 pr-2"><ModelBadge label={r.modelUsed} /></td>
                <td className="whitespace-nowrap py-2 pr-2 tabular-nums" data-testid="run-first-token">{ms(r.latencyFirstTokenMs)}</td>
                <td className="whitespace-nowrap py-2 pr-2 tabular-nums" data-testid="run-latency">{ms(r.latencyTotalMs)}</td>
                <td className="whitespace-nowrap py-2 pr-2 tabular-nums" data-testid="run-tokens">{tokens(r.tokensIn, r.tokensOut)}</td>
                <td className="whitespace-nowrap py-2 pr-2 tabular-nums" title={r.modelUsed === "mock" ? "What these tokens would cost on the agent's own model" : undefined}>{usd(r.costUsd)}</td>
                <td className="whitespace-nowrap py-2 text-right">
                  <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => onView(r.id)}>View</Button>
                  <Button variant="ghost" className="px-2 py-1 text-xs" busy={rerunning === r.id} disabled={!r.versionId} onClick={() => onRerun(r.id)}>Re-run</Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
