import { env } from "../../env";
import { hasStructured } from "../../llm/structured";
import type { LanguageModel } from "../../llm/types";
import { mockJudge } from "./mock-judge";
import { modelJudge } from "./model-judge";
import { DEFAULT_MIN_JUDGE_SCORE, EVALUATORS, type Evaluator, type JudgeCheck } from "./rubric";
import type { Judge, JudgeInput } from "./types";

export type { Judge, JudgeInput } from "./types";
export { MOCK_JUDGE_LABEL, mockJudge } from "./mock-judge";

/**
 * The judge of this process: the configured model when it gives structured answers (Bedrock,
 * OpenAI-compatible), else the deterministic mock judge (LLM_PROVIDER=offline).
 */
export function judgeFor(model: LanguageModel, timeoutMs = env().EVAL_JUDGE_TIMEOUT_MS): Judge {
  return hasStructured(model) ? modelJudge(model, { timeoutMs }) : mockJudge;
}

type JudgeSettings = { judges?: Evaluator[]; minJudgeScore?: number };

/** Asks the judge for the case's evaluators, one check each; not scored is never passed. */
export async function judgeChecks(judge: Judge, e: JudgeSettings, input: JudgeInput, signal?: AbortSignal): Promise<JudgeCheck[]> {
  const wanted = EVALUATORS.filter((x) => e.judges?.includes(x));
  if (wanted.length === 0) return [];
  const min = e.minJudgeScore ?? DEFAULT_MIN_JUDGE_SCORE;
  const scores = await judge.score(wanted, input, signal);
  return wanted.map((evaluator) => {
    const s = scores[evaluator] ?? { score: null, reason: "the judge gave no score for it" };
    if (s.score === null) return { kind: "judge", evaluator, judge: judge.label, score: null, scored: false, passed: false, detail: `${evaluator}: not scored (${judge.label}) — ${s.reason}` };
    return { kind: "judge", evaluator, judge: judge.label, score: s.score, scored: true, passed: s.score >= min, detail: `${evaluator}: ${s.score}/5 (${judge.label}, passes at ${min}) — ${s.reason}` };
  });
}
