import { env } from "../env";
import { createLanguageModel, type LanguageModel } from "../llm";
import type { SpecRegistry } from "../pipeline";
import { getRegistry } from "../registry/load";

/**
 * The one LanguageModel of this process, built from the validated environment (offline by
 * default). Memoized on globalThis because the launcher and the Next.js server bundle load
 * this module separately in one process, and the circuit breaker must be shared by both.
 */
const g = globalThis as unknown as { __agentBuilderLanguageModel?: LanguageModel };

export function getLanguageModel(): LanguageModel {
  if (g.__agentBuilderLanguageModel) return g.__agentBuilderLanguageModel;
  const e = env();
  const model = createLanguageModel(
    { provider: e.LLM_PROVIDER, baseUrl: e.LLM_BASE_URL, modelId: e.LLM_MODEL_ID, region: e.AWS_REGION },
    { registry: specRegistry() },
  );
  return (g.__agentBuilderLanguageModel = model);
}

/** Installs another model (tests inject failing providers here); `undefined` goes back to the configured one. */
export function setLanguageModel(model: LanguageModel | undefined): void {
  g.__agentBuilderLanguageModel = model;
}

/** The registry as extraction reads it: the process-wide, validated registry files. */
export const specRegistry = (): SpecRegistry => getRegistry();
