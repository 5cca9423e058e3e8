import type { ModelEntry } from "../registry/schema";

/** Token traffic of an agent per month; the cost estimator and recommendation share it. */
export type TokenUsage = {
  requestsPerMonth: number;
  /** Average input tokens per request, tool-call round trips included. */
  inputTokens: number;
  /** Average output tokens per request, reasoning tokens included. */
  outputTokens: number;
  /** Share of input tokens served from the prompt cache (0–1); used only where the model prices cache reads. */
  cachedInputShare?: number;
};

export type ModelCost =
  | { known: true; monthlyUsd: number; inputUsd: number; outputUsd: number }
  | { known: false; monthlyUsd: null; reason: string };

const PER_TOKEN = 1 / 1_000_000;

/**
 * Monthly model cost at the exact id's published prices. An unknown price gives
 * `known: false` rather than $0, so callers can show "price unknown".
 */
export function estimateModelMonthlyCost(model: ModelEntry, usage: TokenUsage): ModelCost {
  const { inputPer1M, outputPer1M, cacheReadPer1M } = model.pricing;
  if (inputPer1M === null || outputPer1M === null) {
    return { known: false, monthlyUsd: null, reason: `no published token price for '${model.id}'` };
  }
  const cachedShare = cacheReadPer1M !== null ? Math.min(Math.max(usage.cachedInputShare ?? 0, 0), 1) : 0;
  const inputTokens = usage.requestsPerMonth * usage.inputTokens;
  const inputUsd =
    inputTokens * (1 - cachedShare) * inputPer1M * PER_TOKEN + inputTokens * cachedShare * (cacheReadPer1M ?? 0) * PER_TOKEN;
  const outputUsd = usage.requestsPerMonth * usage.outputTokens * outputPer1M * PER_TOKEN;
  return { known: true, monthlyUsd: inputUsd + outputUsd, inputUsd, outputUsd };
}
