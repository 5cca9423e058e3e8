import { z } from "zod";
import { DomainError } from "../errors";
import type { SpecRegistry } from "../consultation/rules/registry-view";
import { BedrockLanguageModel, type BedrockClientLike } from "./bedrock";
import { RuleBasedLanguageModel } from "./rule-based";
import { OpenAICompatibleLanguageModel } from "./openai-compatible";
import { ResilientLanguageModel, type ResilienceOptions } from "./resilient";
import type { LanguageModel } from "./types";

/** Which provider serves replies; the lead builds it from the validated environment. */
export const LanguageModelConfig = z.object({
  provider: z.enum(["offline", "bedrock", "openai-compatible"]).default("offline"),
  baseUrl: z.url().optional(),
  modelId: z.string().min(1).optional(),
  region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/).optional(),
  apiKey: z.string().min(1).optional(),
});
export type LanguageModelConfig = z.input<typeof LanguageModelConfig>;

export type LanguageModelDeps = {
  registry?: SpecRegistry;
  bedrockClient?: BedrockClientLike;
  fetch?: typeof fetch;
  resilience?: ResilienceOptions;
};

/**
 * The one place a provider is chosen. Any provider but the offline one is wrapped with
 * retries, a circuit breaker and a visible fallback to the offline model.
 */
export function createLanguageModel(config: LanguageModelConfig, deps: LanguageModelDeps = {}): LanguageModel {
  const parsed = LanguageModelConfig.safeParse(config);
  if (!parsed.success) {
    throw new DomainError("invalid", `Invalid language model configuration: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const c = parsed.data;
  const offline = new RuleBasedLanguageModel({ registry: deps.registry });
  if (c.provider === "offline") return offline;
  if (!c.modelId) throw new DomainError("invalid", `The ${c.provider} provider needs a model id`);
  const primary =
    c.provider === "bedrock"
      ? new BedrockLanguageModel({ modelId: c.modelId, region: c.region, client: deps.bedrockClient })
      : new OpenAICompatibleLanguageModel({
          baseUrl: c.baseUrl ?? missing("openai-compatible", "a base URL (e.g. http://127.0.0.1:11434 for Ollama)"),
          modelId: c.modelId,
          apiKey: c.apiKey,
          fetch: deps.fetch,
        });
  return new ResilientLanguageModel(primary, offline, deps.resilience);
}

function missing(provider: string, what: string): never {
  throw new DomainError("invalid", `The ${provider} provider needs ${what}`);
}
