"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc/client";
import { cn } from "../ui/cn";
import { ms, usd } from "./types";

const EVALUATORS = ["correctness", "helpfulness", "groundedness", "toolSelection"] as const;
const num = (v: number | null, digits = 0) => (v === null ? "–" : v.toFixed(digits));

/**
 * Versions side by side by their latest suite run: pass rate, suite score (0–100), the mean judge
 * score per evaluator (1–5), and latency, tokens and cost per case. A version whose score fell by
 * more than the margin below the previous one is marked regressed.
 */
export function VersionComparison({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const compare = useQuery(trpc.testing.suite.compare.queryOptions({ projectId }));
  const data = compare.data;
  if (!data || data.versions.length === 0) return <p className="text-sm text-slate-500">Run the suite on a version to compare versions.</p>;
  const shown = EVALUATORS.filter((e) => data.versions.some((v) => v.evaluators[e]));
  const judges = [...new Set(data.versions.flatMap((v) => v.judges))];
  return (
    <div className="flex flex-col gap-2">
      <div className="overflow-x-auto">
        <table className="w-full text-left text-xs" aria-label="Version comparison">
          <thead className="text-slate-500">
            <tr>
              <th className="py-1 pr-3">Version</th><th className="pr-3">Pass rate</th><th className="pr-3">Score</th>
              {shown.map((e) => <th key={e} className="pr-3">{e}</th>)}
              <th className="pr-3">Latency / case</th><th className="pr-3">Tokens in / out per case</th><th className="pr-3">Cost / case</th><th>Gate</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 tabular-nums">
            {data.versions.map((v) => (
              <tr key={v.versionId} data-testid="compare-row" data-version={v.version} className={cn(v.gate.regressed && "bg-red-50")}>
                <td className="py-1 pr-3 font-medium">v{v.version}{v.status !== "done" && <span className="text-slate-400"> (running)</span>}</td>
                <td className="pr-3">{v.passRate === null ? "–" : `${Math.round(v.passRate * 100)}%`} <span className="text-slate-400">({v.passed}/{v.total})</span></td>
                <td className="pr-3" data-testid="compare-score">{num(v.score, 1)}</td>
                {shown.map((e) => <td key={e} className="pr-3">{v.evaluators[e] ? `${num(v.evaluators[e]!.mean, 1)}/5${v.evaluators[e]!.notScored ? ` (${v.evaluators[e]!.notScored} not scored)` : ""}` : "–"}</td>)}
                <td className="pr-3">{ms(v.latencyMsPerCase === null ? null : Math.round(v.latencyMsPerCase))}</td>
                <td className="pr-3">{num(v.tokensInPerCase)} / {num(v.tokensOutPerCase)}</td>
                <td className="pr-3">{usd(v.costUsdPerCase)}</td>
                <td data-testid="compare-gate">
                  {v.gate.regressed ? <span className="rounded bg-red-100 px-1.5 py-0.5 font-semibold text-red-700">regressed −{num(v.gate.drop, 1)} vs v{v.gate.baselineVersion}</span> : v.gate.baselineVersion ? <span className="text-emerald-700">ok vs v{v.gate.baselineVersion}</span> : <span className="text-slate-400">baseline</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-500">
        Score: mean per case of its checks (passed 100, failed 0, judge 1–5 scaled to 0–100). Regressed: more than {data.margin} points below the previous version.
        {judges.length > 0 && <> Judged by: <span data-testid="compare-judges">{judges.join(", ")}</span>.</>}
      </p>
    </div>
  );
}
