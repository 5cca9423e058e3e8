import { evaluate, type Check, type Expectations, type Judged, type Verdict } from "./evaluation";
import { judgeChecks, type Judge, type JudgeInput } from "./judge";
import { scorePoints } from "./judge/rubric";

/**
 * A test case's full verdict: the deterministic checks (evaluation.ts, trajectory.ts), then the
 * judge's rubric scores when the case asks for any, and the case's score on a 0–100 scale.
 */

export type CaseVerdict = Verdict & {
  /** Mean of the case's checks: a passed check is 100, a failed one 0, a judge score (1–5) scaled; not-scored judges are left out. */
  score: number | null;
  /** True when a judge evaluator could not score (timeout, malformed answer): the case cannot pass. */
  notScored: boolean;
};

export function judgeInputOf(e: Expectations, run: Judged & { input: string }): JudgeInput {
  const expected = [...(e.toolsInOrder ?? []), ...(e.toolCalled ? [e.toolCalled] : [])];
  return { input: run.input, output: run.output, succeeded: run.status === "succeeded", reference: e.reference, toolCalls: run.toolCalls, expectedTools: [...new Set(expected)], forbiddenTools: e.forbiddenTools ?? [] };
}

export function caseScore(checks: Check[]): number | null {
  const points = checks.flatMap((c) => (c.kind === "judge" ? (c.score === null ? [] : [scorePoints(c.score)]) : [c.passed ? 100 : 0]));
  return points.length ? points.reduce((a, b) => a + b, 0) / points.length : null;
}

export async function evaluateCase(e: Expectations, run: Judged & { input: string }, judge: Judge, signal?: AbortSignal): Promise<CaseVerdict> {
  const base = evaluate(e, run);
  const judged = await judgeChecks(judge, e, judgeInputOf(e, run), signal);
  const checks: Check[] = [...base.checks, ...judged];
  return { passed: checks.every((c) => c.passed), checks, score: caseScore(checks), notScored: judged.some((c) => !c.scored) };
}
