import type { ToolCallRecord } from "../types";
import type { Evaluator } from "./rubric";

/** What a judge sees of one run of a test case. */
export type JudgeInput = {
  input: string;
  output: string;
  succeeded: boolean;
  reference?: string;
  toolCalls: ToolCallRecord[];
  /** Tools the case expects (toolsInOrder, toolCalled) and forbids, for tool selection. */
  expectedTools: string[];
  forbiddenTools: string[];
};

/** One evaluator's result from a judge: a 1–5 score and why, or why it could not score. */
export type JudgeScore = { score: number; reason: string } | { score: null; reason: string };

/** Scores a run on several evaluators at once. The mock judge is deterministic; a model judge asks the configured model. */
export interface Judge {
  /** Shown with every score: "mock judge" or the model's label. */
  readonly label: string;
  readonly kind: "mock" | "model";
  score(evaluators: readonly Evaluator[], input: JudgeInput, signal?: AbortSignal): Promise<Record<Evaluator, JudgeScore>>;
}
