import type { AgentSpec } from "../spec/agent-spec";
import { DomainError } from "../errors";
import type { CostUsageInput } from "./inputs";

/** Answers the generated agent writes when nothing is measured yet (a guess, shown as one). */
const GUESS_OUTPUT_TOKENS = 500;
/** User message and conversation history on top of the system prompt (a guess). */
const GUESS_CONVERSATION_TOKENS = 500;

/**
 * Usage for a spec before anything is measured: traffic from requirements.requestsPerDay
 * (× hoursPerMonth / 24, the 730-hour month AWS uses), tokens guessed from the system
 * prompt (≈ 4 characters a token). `overrides` win; calibrateUsage replaces the guesses
 * with test-run averages.
 */
export function defaultUsage(spec: AgentSpec, overrides: Partial<CostUsageInput> = {}): CostUsageInput {
  const hours = overrides.hoursPerMonth ?? 730;
  const perDay = spec.requirements.requestsPerDay;
  const requestsPerMonth = overrides.requestsPerMonth ?? (perDay !== undefined ? (perDay * hours) / 24 : undefined);
  if (requestsPerMonth === undefined) {
    throw new DomainError("invalid", "requestsPerMonth is unknown: set requirements.requestsPerDay in the spec or give requestsPerMonth", {
      field: "requestsPerMonth",
    });
  }
  return {
    ...overrides,
    requestsPerMonth,
    inputTokens: overrides.inputTokens ?? Math.ceil(spec.systemPrompt.length / 4) + GUESS_CONVERSATION_TOKENS,
    outputTokens: overrides.outputTokens ?? Math.min(GUESS_OUTPUT_TOKENS, spec.model.maxTokens),
  };
}
