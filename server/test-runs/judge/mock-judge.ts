import { EVALUATORS, type Evaluator } from "./rubric";
import type { Judge, JudgeInput, JudgeScore } from "./types";

/**
 * The offline judge: deterministic scores from what can be checked without a model — token
 * overlap with the reference (correctness), with the question (helpfulness), with the tool
 * results (groundedness), and the expected tools against those called (tool selection). It is
 * labelled "mock judge" wherever a score shows, so no one takes it for a model's opinion.
 */

export const MOCK_JUDGE_LABEL = "mock judge";

const STOP = new Set(["the", "and", "for", "are", "was", "you", "your", "with", "that", "this", "from", "have", "has", "not", "but", "can", "what", "which", "how", "its", "into", "about", "is", "it", "of", "to", "in", "on", "a", "an", "or", "be", "as", "at", "by", "i", "me", "my", "we", "our"]);

export function contentTokens(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP.has(w)));
}

/** The share of `of`'s tokens found in `within` (1 when `of` has none). */
function recall(of: Set<string>, within: Set<string>): number {
  if (of.size === 0) return 1;
  let hit = 0;
  for (const t of of) if (within.has(t)) hit++;
  return hit / of.size;
}

/** A 0–1 fraction as a 1–5 rubric score. */
const toScore = (fraction: number) => 1 + Math.round(4 * Math.max(0, Math.min(1, fraction)));
const pct = (f: number) => `${Math.round(f * 100)}%`;
const text = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v ?? ""));

function correctness(i: JudgeInput): JudgeScore {
  if (!i.reference) return { score: null, reason: "the case has no reference answer" };
  const ref = contentTokens(i.reference);
  const out = contentTokens(i.output);
  const r = recall(ref, out);
  const p = out.size === 0 ? 0 : recall(out, ref);
  const f1 = r + p === 0 ? 0 : (2 * r * p) / (r + p);
  return { score: toScore(f1), reason: `token overlap with the reference: F1 ${pct(f1)} (recall ${pct(r)}, precision ${pct(p)})` };
}

function helpfulness(i: JudgeInput): JudgeScore {
  if (!i.succeeded || !i.output.trim()) return { score: 1, reason: "the run gave no answer" };
  const r = recall(contentTokens(i.input), contentTokens(i.output));
  return { score: 2 + Math.round(3 * r), reason: `the answer takes up ${pct(r)} of the question's words` };
}

function groundedness(i: JudgeInput): JudgeScore {
  const context = i.toolCalls.map((c) => text(c.output)).join(" ");
  if (!context.trim()) return { score: null, reason: "the run retrieved no context and got no tool results to ground the answer in" };
  const r = recall(contentTokens(i.output), new Set([...contentTokens(context), ...contentTokens(i.input)]));
  return { score: toScore(r), reason: `${pct(r)} of the answer's words appear in the tool results or the question` };
}

function toolSelection(i: JudgeInput): JudgeScore {
  if (i.expectedTools.length === 0 && i.forbiddenTools.length === 0) return { score: null, reason: "the case names no expected or forbidden tools" };
  const called = new Set(i.toolCalls.map((c) => c.name));
  const expected = new Set(i.expectedTools);
  const found = recall(expected, called);
  const forbidden = [...called].filter((n) => i.forbiddenTools.includes(n));
  const extra = [...called].filter((n) => !expected.has(n) && !forbidden.includes(n));
  const fraction = forbidden.length > 0 ? 0 : found * (expected.size > 0 && extra.length > 0 ? 0.75 : 1);
  const reason = forbidden.length ? `called forbidden ${forbidden.join(", ")}` : `called ${pct(found)} of the expected tools${extra.length ? `, plus ${extra.join(", ")}` : ""}`;
  return { score: toScore(fraction), reason };
}

const SCORERS: Record<Evaluator, (i: JudgeInput) => JudgeScore> = { correctness, helpfulness, groundedness, toolSelection };

export const mockJudge: Judge = {
  label: MOCK_JUDGE_LABEL,
  kind: "mock",
  async score(evaluators, input) {
    const out = {} as Record<Evaluator, JudgeScore>;
    for (const e of EVALUATORS) if (evaluators.includes(e)) out[e] = SCORERS[e](input);
    return out;
  },
};
