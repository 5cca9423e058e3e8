"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { CaseForm } from "./case-form";
import { CaseSynthesis } from "./case-synthesis";
import { JudgeScores } from "./judge-scores";
import { VersionComparison } from "./version-comparison";
import type { SuitePoint, TestCaseView } from "./types";

type Props = { projectId: string; versionId: string | null; versionNumber: number | null; suiteRunId: string | null; onSuiteStarted(id: string): void; refresh(): void };

function describe(e: TestCaseView["expectations"]): string {
  const parts = [
    ...(e.contains ?? []).map((c) => `contains “${c}”`),
    e.regex && `matches /${e.regex}/`,
    e.jsonSchema && "JSON matches schema",
    e.toolCalled && `calls ${e.toolCalled}`,
    e.maxLatencyMs && `≤ ${e.maxLatencyMs} ms`,
    e.toolsInOrder && `tools in order ${e.toolsInOrder.join(" → ")}`,
    e.forbiddenTools && `never ${e.forbiddenTools.join(", ")}`,
    e.maxTurns && `≤ ${e.maxTurns} turns`,
    e.judges && `judged on ${e.judges.join(", ")}`,
  ];
  return parts.filter(Boolean).join(" · ");
}

/** Pass rate of each version's latest suite run: a change that made things worse shows as a drop. */
function PassRate({ points }: { points: SuitePoint[] }) {
  if (points.length === 0) return <p className="text-sm text-slate-500">No suite run yet.</p>;
  return (
    <ol className="flex items-end gap-3" aria-label="Pass rate over versions">
      {points.map((p) => {
        const pct = p.passRate === null ? 0 : Math.round(p.passRate * 100);
        return (
          <li key={p.versionId} data-testid="pass-rate" data-version={p.version} className="flex w-14 flex-col items-center gap-1 text-xs">
            <span className="tabular-nums text-slate-700">{p.passRate === null ? "…" : `${pct}%`}</span>
            <div className="flex h-24 w-8 items-end rounded bg-slate-100">
              <div className={cn("w-full rounded", pct >= 80 ? "bg-emerald-500" : pct >= 50 ? "bg-amber-400" : "bg-red-500")} style={{ height: `${Math.max(pct, 2)}%` }} />
            </div>
            <span className="text-slate-500">v{p.version}</span>
            <span className="text-slate-400">{p.passed}/{p.total}</span>
          </li>
        );
      })}
    </ol>
  );
}

/** Test cases, running them all against a version, the latest verdicts and the pass rate over versions. */
export function SuitePanel({ projectId, versionId, versionNumber, suiteRunId, onSuiteStarted, refresh }: Props) {
  const trpc = useTRPC();
  const cases = useQuery(trpc.testing.cases.list.queryOptions({ projectId }));
  const history = useQuery(trpc.testing.suite.history.queryOptions({ projectId }));
  // The suite started here, else the latest one of the chosen version.
  const shown = suiteRunId ?? history.data?.find((p) => p.versionId === versionId)?.suiteRunId ?? null;
  const suite = useQuery({ ...trpc.testing.suite.get.queryOptions({ projectId, suiteRunId: shown ?? "" }), enabled: !!shown });
  const remove = useMutation(trpc.testing.cases.delete.mutationOptions({ onSuccess: refresh }));
  const run = useMutation(trpc.testing.suite.run.mutationOptions({ onSuccess: (r) => (onSuiteStarted(r.suiteRunId), refresh()) }));
  const verdicts = new Map((suite.data?.cases ?? []).map((c) => [c.testCaseId, c]));

  return (
    <div className="flex flex-col gap-5">
      <CaseSynthesis projectId={projectId} onSaved={refresh} />
      <CaseForm projectId={projectId} onCreated={refresh} />
      <div className="flex items-center justify-between gap-3">
        <h3 className="font-semibold">Test cases ({cases.data?.length ?? 0})</h3>
        <Button busy={run.isPending} disabled={!versionId || !cases.data?.length} onClick={() => versionId && run.mutate({ projectId, versionId })}>
          Run suite on v{versionNumber ?? "?"}
        </Button>
      </div>
      {run.error && <p role="alert" className="text-sm text-red-600">{run.error.message}</p>}
      {suite.data && (
        <p data-testid="suite-status" className="text-sm text-slate-600">
          Last suite run{suite.data.versionId === versionId ? ` on v${versionNumber}` : ""}: <span className="font-medium">{suite.data.status === "done" ? `${suite.data.passed}/${suite.data.total} passed` : `running… ${suite.data.passed + suite.data.failed}/${suite.data.total} judged`}</span>
        </p>
      )}
      <ul className="divide-y divide-slate-100 text-sm" aria-label="Test cases">
        {(cases.data ?? []).map((c) => {
          const v = verdicts.get(c.id);
          const failed = (v?.checks as Array<{ kind: string; passed: boolean; detail: string }> | null)?.filter((k) => !k.passed && k.kind !== "judge") ?? [];
          return (
            <li key={c.id} data-testid="test-case" className="flex items-start gap-3 py-2">
              <span className={cn("mt-0.5 w-12 shrink-0 text-xs font-semibold", v?.passed === true ? "text-emerald-600" : v?.passed === false ? "text-red-600" : "text-slate-400")} data-testid="case-verdict">
                {v?.passed === true ? "PASS" : v?.passed === false ? "FAIL" : v ? "…" : "–"}
              </span>
              <div className="min-w-0 flex-1">
                <p className="font-medium">{c.name}</p>
                <p className="truncate text-xs text-slate-500">“{c.input}” · {describe(c.expectations)}</p>
                {failed.map((k) => <p key={k.detail} className="text-xs text-red-600">✕ {k.detail}</p>)}
                <JudgeScores checks={v?.checks ?? null} />
              </div>
              <Button variant="ghost" className="px-2 py-1 text-xs text-red-600" busy={remove.isPending && remove.variables?.caseId === c.id} onClick={() => remove.mutate({ projectId, caseId: c.id })}>Delete</Button>
            </li>
          );
        })}
      </ul>
      <div>
        <h3 className="mb-2 font-semibold">Pass rate over versions</h3>
        <PassRate points={history.data ?? []} />
      </div>
      <div>
        <h3 className="mb-2 font-semibold">Versions side by side</h3>
        <VersionComparison projectId={projectId} />
      </div>
    </div>
  );
}
