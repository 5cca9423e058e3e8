import { z } from "zod";

/**
 * Judge evaluators: rubric scores (1–5) a judge gives an answer. The rubrics are what the model
 * judge is told; the mock judge approximates each with checks it can make without a model.
 */

export const EVALUATORS = ["correctness", "helpfulness", "groundedness", "toolSelection"] as const;
export type Evaluator = (typeof EVALUATORS)[number];

export const RUBRICS: Record<Evaluator, string> = {
  correctness: "Does the answer state the same facts and conclusion as the reference answer? 5 = fully agrees, 3 = partly, 1 = contradicts it or misses it entirely.",
  helpfulness: "Does the answer address what the user asked, completely and directly? 5 = fully, 3 = partly, 1 = not at all or it failed.",
  groundedness: "Is every claim in the answer supported by the retrieved context and tool results shown? 5 = all supported, 3 = some unsupported claims, 1 = mostly unsupported.",
  toolSelection: "Did the agent call the right tools for the request (and the expected ones, when listed), without unneeded or forbidden calls? 5 = exactly right, 3 = some wrong or missing, 1 = wrong tools.",
};

/** The judge settings a test case may carry, merged into Expectations (server/test-runs/evaluation.ts). */
export const JudgeExpectations = {
  /** Rubric evaluators a judge scores this case on. */
  judges: z.array(z.enum(EVALUATORS)).min(1, "needs at least one evaluator").max(EVALUATORS.length).optional(),
  /** The reference answer correctness is judged against. */
  reference: z.string().trim().min(1, "must not be empty").max(5_000).optional(),
  /** The least score (1–5) a judge check passes with; 3 when not set. */
  minJudgeScore: z.number().int().min(1).max(5).optional(),
};
export const DEFAULT_MIN_JUDGE_SCORE = 3;

/** One judge's verdict on one evaluator: a score, or "not scored" with the reason. */
export type JudgeCheck = {
  kind: "judge";
  evaluator: Evaluator;
  /** The judge that scored: "mock judge" or the model's label. */
  judge: string;
  score: number | null;
  scored: boolean;
  passed: boolean;
  detail: string;
};

export const JUDGE_TOOL_NAME = "submit_scores";

/** What a model judge must answer with; anything else is "not scored". */
export const JudgeAnswer = z.object({
  scores: z
    .array(z.object({ evaluator: z.enum(EVALUATORS), score: z.number().int().min(1).max(5), reason: z.string().max(2_000) }))
    .min(1)
    .max(EVALUATORS.length),
});
export type JudgeAnswer = z.infer<typeof JudgeAnswer>;

export function judgeTool(evaluators: readonly Evaluator[]) {
  return {
    name: JUDGE_TOOL_NAME,
    description: "Submit one rubric score per evaluator, each with a one-sentence reason.",
    inputSchema: {
      type: "object",
      properties: {
        scores: {
          type: "array",
          items: {
            type: "object",
            properties: { evaluator: { type: "string", enum: [...evaluators] }, score: { type: "integer", minimum: 1, maximum: 5 }, reason: { type: "string" } },
            required: ["evaluator", "score", "reason"],
          },
        },
      },
      required: ["scores"],
    },
  };
}

/** A 1–5 score on the 0–100 scale suite scores use. */
export const scorePoints = (score: number) => ((score - 1) / 4) * 100;
