import type { ModelEntry } from "../../../server/registry/schema";
import type { AgentSpecInput } from "../../../server/spec/agent-spec";
import type { CostDeps } from "../../../server/cost/types";
import { loadPricing } from "../../../server/cost/pricing";

/**
 * Model entries with prices copied from shared/reference/litellm/model_prices_and_context_window.json
 * (litellm 2026-07-24): `*_cost_per_token` × 1,000,000. Used until tests can also read registry/models.json.
 */
const caps = (over: Partial<ModelEntry["capabilities"]> = {}): ModelEntry["capabilities"] => ({
  toolUse: true,
  vision: true,
  reasoning: true,
  streaming: null,
  structuredOutput: true,
  promptCaching: true,
  ...over,
});

const entry = (over: Partial<ModelEntry> & Pick<ModelEntry, "id" | "name" | "pricing">): ModelEntry => ({
  baseModelId: null,
  inferenceProfile: null,
  provider: "bedrock",
  vendor: "Anthropic",
  family: "claude",
  contextWindow: 200_000,
  maxOutputTokens: 64_000,
  capabilities: caps(),
  status: "active",
  deprecationDate: null,
  recommended: true,
  local: null,
  source: "litellm model_prices_and_context_window.json",
  asOf: "2026-07-24",
  ...over,
});

const price = (inputPer1M: number, outputPer1M: number, cacheReadPer1M: number | null, cacheWritePer1M: number | null = null, batch: [number, number] | null = null) => ({
  inputPer1M,
  outputPer1M,
  cacheReadPer1M,
  cacheWritePer1M,
  batchInputPer1M: batch?.[0] ?? null,
  batchOutputPer1M: batch?.[1] ?? null,
});

/** litellm: input 3e-06, output 1.5e-05, cache read 3e-07, cache write 3.75e-06. */
export const SONNET_45 = entry({ id: "anthropic.claude-sonnet-4-5-20250929-v1:0", name: "Claude Sonnet 4.5", pricing: price(3, 15, 0.3, 3.75) });
/** litellm: the `us.` profile is priced 10% higher: 3.3e-06 / 1.65e-05 / 3.3e-07 / 4.125e-06. */
export const SONNET_45_US = entry({
  id: "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
  baseModelId: SONNET_45.id,
  inferenceProfile: "us",
  name: "Claude Sonnet 4.5 (US profile)",
  pricing: price(3.3, 16.5, 0.33, 4.125),
});
/** litellm: 1e-06 / 5e-06 / 1e-07 / 1.25e-06. */
export const HAIKU_45 = entry({ id: "anthropic.claude-haiku-4-5-20251001-v1:0", name: "Claude Haiku 4.5", pricing: price(1, 5, 0.1, 1.25) });
/** litellm: 3.5e-08 / 1.4e-07; vision and reasoning flags absent (unknown). */
export const NOVA_MICRO = entry({
  id: "amazon.nova-micro-v1:0",
  name: "Nova Micro",
  vendor: "Amazon",
  family: "nova",
  contextWindow: 128_000,
  maxOutputTokens: 10_000,
  capabilities: caps({ vision: null, reasoning: null, structuredOutput: true }),
  pricing: price(0.035, 0.14, null),
});
/** litellm: 2.4e-07 / 9.7e-07, batches 1.2e-07 / 4.85e-07; max output 4,096. */
export const LLAMA4_MAVERICK = entry({
  id: "meta.llama4-maverick-17b-instruct-v1:0",
  name: "Llama 4 Maverick",
  vendor: "Meta",
  family: "llama",
  contextWindow: 128_000,
  maxOutputTokens: 4096,
  capabilities: caps({ vision: null, reasoning: null, promptCaching: null, structuredOutput: null }),
  pricing: price(0.24, 0.97, null, null, [0.12, 0.485]),
});

export const MODELS: ModelEntry[] = [SONNET_45, SONNET_45_US, HAIKU_45, NOVA_MICRO, LLAMA4_MAVERICK];

export const deps = (models: ModelEntry[] = MODELS): CostDeps => ({
  getModel: (id) => models.find((m) => m.id === id),
  listModels: () => models,
  pricing: loadPricing(),
});

/** A valid spec; override any part. */
export function makeSpec(over: Partial<AgentSpecInput> = {}): AgentSpecInput {
  return {
    name: "support-agent",
    description: "Answers support questions",
    systemPrompt: "You are a helpful support agent.",
    model: { id: SONNET_45.id, maxTokens: 4096 },
    deployment: { target: "lambda", architecture: "arm64", memoryMb: 1024, timeoutSeconds: 120 },
    observability: { logLevel: "info", tracing: false, metrics: true },
    security: { maxInputChars: 20_000, secretsSource: "env" },
    ...over,
  };
}
