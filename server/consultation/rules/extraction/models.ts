import { recommendModels } from "../../../registry/recommend";
import type { ModelEntry } from "../../../registry/schema";
import type { ModelNeeds, SpecRegistry } from "../registry-view";
import { clip } from "./text";

/**
 * Model choice: a model the user names ("use Claude Haiku", "Nova Lite") resolved in the
 * registry, or a recommendation for the requirements.
 */

const FAMILY_WORDS = /\b(claude|sonnet|haiku|opus|nova|llama|mistral|mixtral|pixtral|magistral|devstral|deepseek|gpt-oss|qwen|gemma|titan|cohere|jamba|kimi|glm|minimax)\b/g;
const MODEL_INTENT = /\b(use|uses|using|with|switch(ing)? to|prefer|go with|run on|powered by|model|llm|on)\b/;
const TIER = /\b(micro|lite|pro|premier|maverick|scout)\b/;

/**
 * The registry model the user named in `text` ("use Claude Haiku 4.5", "Nova Lite"):
 * a family word near a word that asks for a model, with the tier and version if given.
 */
export function findModelMention(text: string, models: readonly ModelEntry[], region?: string): ModelEntry | undefined {
  let found: ModelEntry | undefined;
  for (const m of text.matchAll(FAMILY_WORDS)) {
    const at = m.index ?? 0;
    const around = text.slice(Math.max(0, at - 30), at + m[0].length + 25);
    if (!MODEL_INTENT.test(around)) continue;
    const after = text.slice(at, at + m[0].length + 25);
    const words = [...new Set(after.match(FAMILY_WORDS) ?? [])];
    const tier = TIER.exec(after)?.[1];
    const version = /\b(\d(?:\.\d)?)\b/.exec(after)?.[1];
    const candidates = models.filter((model) => {
      const hay = `${model.vendor} ${model.family} ${model.name}`.toLowerCase();
      return model.status === "active" && words.every((w) => hay.includes(w)) && (!tier || hay.includes(tier)) && (!version || hay.includes(` ${version}`));
    });
    // "Nova Lite" means Nova Lite, not Nova 2 Lite: an exact name beats a partial one.
    const exact = candidates.filter((model) => new RegExp(`^${escape(baseName(model))}\\b`).test(after));
    // The last model named wins: "Nova, no wait, Claude Haiku" ends on Haiku.
    found = preferForRegion(exact.length ? exact : candidates, region) ?? found;
  }
  return found;
}

const baseName = (m: ModelEntry) => m.name.replace(/\s*\(.*$/, "").toLowerCase();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Among equals: recommended first, then the inference profile that covers the region. */
function preferForRegion(candidates: ModelEntry[], region?: string): ModelEntry | undefined {
  const geo = region?.startsWith("eu-") ? "eu" : region?.startsWith("ap-") ? "apac" : "us";
  const score = (m: ModelEntry) =>
    (m.recommended ? 4 : 0) + (m.inferenceProfile === geo ? 2 : m.inferenceProfile === "global" ? 1 : 0) + (m.provider === "bedrock" ? 1 : 0);
  return [...candidates].sort((a, b) => score(b) - score(a))[0];
}

/**
 * The registry's recommendation for the needs (its recommender, or `registry.recommend`
 * when the caller wires another). For an EU or Asia-Pacific region the variant of the
 * recommended model whose inference profile stays in that geography is preferred.
 */
export function recommendModel(registry: SpecRegistry, needs: ModelNeeds): string | undefined {
  const ids = registry.recommend
    ? registry.recommend(needs)
    : recommendModels(registry.models, {
        useCase: clip(needs.useCase ?? "", 2_000),
        requiredCapabilities: needs.capabilities,
        monthlyBudgetUsd: needs.monthlyBudgetUsd,
        requestsPerDay: needs.requestsPerDay,
        limit: 5,
      }).map((r) => r.model.id);
  const best = registry.models.find((m) => m.id === ids[0]);
  return best ? regionalVariant(registry.models, best, needs.region).id : undefined;
}

/** The variant of `model` whose inference profile stays in the region's geography (EU, APAC), else `model`. */
export function regionalVariant(models: readonly ModelEntry[], model: ModelEntry, region?: string): ModelEntry {
  const geo = geography(region);
  const base = model.baseModelId ?? model.id;
  const variant = (profile: ModelEntry["inferenceProfile"]) =>
    models.find((m) => m.status === "active" && m.inferenceProfile === profile && (m.baseModelId ?? m.id) === base);
  if (geo) return variant(geo) ?? model;
  // A US region: an EU or Asia-Pacific profile would send requests abroad; use a US or global one.
  const foreign = model.inferenceProfile !== null && !["us", "global", "us-gov"].includes(model.inferenceProfile);
  return foreign ? (variant("us") ?? variant("global") ?? variant(null) ?? model) : model;
}

/** The inference-profile geography of an EU or Asia-Pacific region; undefined elsewhere. */
function geography(region?: string): "eu" | "apac" | undefined {
  if (region?.startsWith("eu-")) return "eu";
  if (region?.startsWith("ap-")) return "apac";
  return undefined;
}
