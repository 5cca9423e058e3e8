type StoredCheck = { kind: string; evaluator?: string; score?: number | null; judge?: string; passed: boolean; detail: string };

/** A case's judge scores, each with who judged (the mock judge is named as such); not scored says why. */
export function JudgeScores({ checks }: { checks: unknown }) {
  const judged = ((checks as StoredCheck[] | null) ?? []).filter((c) => c.kind === "judge");
  if (judged.length === 0) return null;
  return (
    <p className="flex flex-wrap gap-1.5 text-xs" data-testid="judge-scores">
      {judged.map((c) => (
        <span key={c.evaluator} title={c.detail} className={c.score === null ? "rounded bg-amber-50 px-1.5 text-amber-800" : c.passed ? "rounded bg-emerald-50 px-1.5 text-emerald-800" : "rounded bg-red-50 px-1.5 text-red-700"}>
          {c.evaluator} {c.score === null ? "not scored" : `${c.score}/5`} · {c.judge}
        </span>
      ))}
    </p>
  );
}
