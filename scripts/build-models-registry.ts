/**
 * Regenerates registry/models.json from the sourced reference data, so every number is
 * copied by a program and never typed by hand:
 *
 *   npx tsx scripts/build-models-registry.ts [--check] [--reference=<dir>]
 *
 * Sources (../shared/reference, see its README.md):
 *   - models-bedrock-ollama.json: the curated list of current Bedrock chat models, the
 *     direct-API peers and the Ollama rows (with their cited sources);
 *   - litellm/model_prices_and_context_window.json: prices, limits and capability flags
 *     of every key, including the cross-region inference-profile keys (`us.`, `global.`, …),
 *     which are priced differently from the in-region id and so become their own entries.
 *
 * `--check` exits 1 when registry/models.json differs from what this script would write.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { ModelRegistryFile, type ModelEntry } from "../server/registry/schema";

const ROOT = join(import.meta.dirname, "..");
/** `--reference=<dir>` points at another copy of shared/reference (default: ../shared/reference). */
const referenceArg = process.argv.find((a) => a.startsWith("--reference="))?.slice("--reference=".length);
const REFERENCE = referenceArg === undefined ? join(ROOT, "..", "shared", "reference") : z.string().min(1).parse(referenceArg);

const RefRow = z.object({
  group: z.enum(["bedrock", "direct"]),
  provider: z.string(),
  model_id: z.string(),
  litellm_key: z.string(),
  litellm_provider: z.string(),
  mode: z.string(),
  note: z.string(),
});
const Reference = z.object({ as_of: z.string(), models: z.array(RefRow), ollama: z.array(z.object({ tag: z.string(), src: z.string() }).passthrough()) });
const LiteLlmEntry = z
  .object({
    litellm_provider: z.string(),
    mode: z.string().optional(),
    max_input_tokens: z.number().optional(),
    max_output_tokens: z.number().optional(),
    input_cost_per_token: z.number().optional(),
    output_cost_per_token: z.number().optional(),
    cache_read_input_token_cost: z.number().optional(),
    cache_creation_input_token_cost: z.number().optional(),
    input_cost_per_token_batches: z.number().optional(),
    output_cost_per_token_batches: z.number().optional(),
    supports_function_calling: z.boolean().optional(),
    supports_vision: z.boolean().optional(),
    supports_reasoning: z.boolean().optional(),
    supports_response_schema: z.boolean().optional(),
    supports_prompt_caching: z.boolean().optional(),
    supports_native_streaming: z.boolean().optional(),
    deprecation_date: z.string().optional(),
  })
  .passthrough();
type LiteLlmEntry = z.infer<typeof LiteLlmEntry>;

const PROFILES = ["us", "eu", "apac", "jp", "au", "global", "us-gov"] as const;
const PROFILE_LABEL: Record<(typeof PROFILES)[number], string> = {
  us: "US cross-region",
  eu: "EU cross-region",
  apac: "APAC cross-region",
  jp: "Japan cross-region",
  au: "Australia cross-region",
  global: "global cross-region",
  "us-gov": "GovCloud cross-region",
};

/** litellm stores USD per token; the registry stores USD per 1M tokens, rounded to drop float noise (3.3000000000000003). */
const per1M = (perToken: number | undefined): number | null =>
  perToken === undefined ? null : Number((perToken * 1_000_000).toPrecision(12));

const flag = (value: boolean | undefined): boolean | null => value ?? null;

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

function lookup(litellm: Record<string, unknown>, key: string): LiteLlmEntry {
  const raw = litellm[key];
  if (raw === undefined) throw new Error(`litellm has no key '${key}'`);
  return LiteLlmEntry.parse(raw);
}

function pricing(e: LiteLlmEntry, unpriced: boolean): ModelEntry["pricing"] {
  // A $0 placeholder for an unpublished price would read as "free"; unknown is null.
  if (unpriced) return { inputPer1M: null, outputPer1M: null, cacheReadPer1M: null, cacheWritePer1M: null, batchInputPer1M: null, batchOutputPer1M: null };
  return {
    inputPer1M: per1M(e.input_cost_per_token),
    outputPer1M: per1M(e.output_cost_per_token),
    cacheReadPer1M: per1M(e.cache_read_input_token_cost),
    cacheWritePer1M: per1M(e.cache_creation_input_token_cost),
    batchInputPer1M: per1M(e.input_cost_per_token_batches),
    batchOutputPer1M: per1M(e.output_cost_per_token_batches),
  };
}

/**
 * Streaming on Bedrock: litellm has no per-model streaming flag (reference gap). We set it
 * true for Bedrock chat entries because the generated agents call Bedrock through Strands'
 * BedrockModel, which streams with ConverseStream, and the Bedrock Runtime API reference
 * states that ConverseStream "works with all Amazon Bedrock models that support messages"
 * (every entry here is a litellm `mode: chat` key). For other providers the flag is copied
 * from litellm's `supports_native_streaming` and stays null where litellm is silent.
 */
function capabilities(e: LiteLlmEntry, provider: ModelEntry["provider"]): ModelEntry["capabilities"] {
  return {
    toolUse: flag(e.supports_function_calling),
    vision: flag(e.supports_vision),
    reasoning: flag(e.supports_reasoning),
    streaming: provider === "bedrock" ? true : flag(e.supports_native_streaming),
    structuredOutput: flag(e.supports_response_schema),
    promptCaching: flag(e.supports_prompt_caching),
  };
}

const litellmSource = (key: string, asOf: string) =>
  `litellm model_prices_and_context_window.json key "${key}" (BerriAI/litellm main as of ${asOf}; shared/reference/litellm)`;

function bedrockEntries(row: z.infer<typeof RefRow>, litellm: Record<string, unknown>, asOf: string, date: string): ModelEntry[] {
  const names = BEDROCK_NAMES[row.model_id];
  if (!names) throw new Error(`no display name for Bedrock model '${row.model_id}' in BEDROCK_NAMES`);
  // Rows such as `us.amazon.nova-premier-v1:0` exist only as a profile key in litellm.
  const prefix = PROFILES.find((p) => row.model_id.startsWith(`${p}.`));
  const foundationId = prefix ? row.model_id.slice(prefix.length + 1) : row.model_id;
  const unpriced = /no public price/i.test(row.note);
  const make = (id: string, profile: (typeof PROFILES)[number] | null): ModelEntry => {
    const e = lookup(litellm, id);
    return {
      id,
      baseModelId: profile ? foundationId : null,
      inferenceProfile: profile,
      provider: "bedrock",
      vendor: names.vendor,
      family: names.family,
      name: profile ? `${names.name} (${PROFILE_LABEL[profile]})` : names.name,
      contextWindow: e.max_input_tokens ?? null,
      maxOutputTokens: e.max_output_tokens ?? null,
      capabilities: capabilities(e, "bedrock"),
      pricing: pricing(e, unpriced),
      status: "active",
      deprecationDate: e.deprecation_date ?? null,
      recommended: RECOMMENDED.has(id),
      local: null,
      source: litellmSource(id, asOf),
      asOf: date,
    };
  };
  if (prefix) return [make(row.model_id, prefix)];
  const profileIds = PROFILES.filter((p) => litellm[`${p}.${row.model_id}`] !== undefined);
  return [make(row.model_id, null), ...profileIds.map((p) => make(`${p}.${row.model_id}`, p))];
}

function legacyEntries(litellm: Record<string, unknown>, asOf: string, date: string): ModelEntry[] {
  return Object.entries(LEGACY_BEDROCK).map(([id, names]) => {
    const e = lookup(litellm, id);
    if (e.mode !== "chat") throw new Error(`legacy entry '${id}' is not a chat model in litellm`);
    return {
      id, baseModelId: null, inferenceProfile: null, provider: "bedrock", vendor: names.vendor, family: names.family, name: names.name,
      contextWindow: e.max_input_tokens ?? null, maxOutputTokens: e.max_output_tokens ?? null,
      capabilities: capabilities(e, "bedrock"), pricing: pricing(e, false),
      // The reference lists these under "older/legacy" Bedrock entries it did not table as current.
      status: e.deprecation_date ? "deprecated" : "legacy", deprecationDate: e.deprecation_date ?? null,
      recommended: false, local: null, source: `${litellmSource(id, asOf)}; listed as older/legacy in shared/reference/models-bedrock-ollama.md`, asOf: date,
    };
  });
}

function peerEntry(row: z.infer<typeof RefRow>, litellm: Record<string, unknown>, asOf: string, date: string): ModelEntry {
  const names = PEER_NAMES[row.model_id];
  if (!names) throw new Error(`no display name for direct-API model '${row.model_id}'`);
  const e = lookup(litellm, row.litellm_key);
  return {
    // `gemini/` is litellm's routing prefix; the Google SDK is called with the bare model name.
    id: row.model_id.replace(/^gemini\//, ""),
    baseModelId: null, inferenceProfile: null, provider: names.provider, vendor: names.vendor, family: names.family, name: names.name,
    contextWindow: e.max_input_tokens ?? null, maxOutputTokens: e.max_output_tokens ?? null,
    capabilities: capabilities(e, names.provider), pricing: pricing(e, false),
    status: "active", deprecationDate: e.deprecation_date ?? null, recommended: false, local: null,
    source: litellmSource(row.litellm_key, asOf), asOf: date,
  };
}

/**
 * Ollama runs on the user's machine: the reference table is titled "price $0 — runs on your
 * machine", so input/output are 0 (there is no per-token charge), while cache and batch
 * prices, which do not exist for local models, stay null.
 */
function ollamaEntries(ref: z.infer<typeof Reference>, date: string): ModelEntry[] {
  return OLLAMA_ENTRIES.map((o) => {
    const row = ref.ollama.find((r) => r.tag === o.refTag);
    if (!row) throw new Error(`Ollama entry '${o.id}' points at missing reference row '${o.refTag}'`);
    return {
      id: o.id, baseModelId: null, inferenceProfile: null, provider: "ollama", vendor: o.vendor, family: o.family, name: o.name,
      contextWindow: o.contextWindow, maxOutputTokens: null,
      capabilities: { toolUse: o.tools, vision: o.vision, reasoning: o.thinking, streaming: null, structuredOutput: null, promptCaching: null },
      pricing: { inputPer1M: 0, outputPer1M: 0, cacheReadPer1M: null, cacheWritePer1M: null, batchInputPer1M: null, batchOutputPer1M: null },
      status: "active", deprecationDate: null, recommended: false,
      local: { parameters: o.parameters, downloadSize: o.downloadSize },
      source: `shared/reference/models-bedrock-ollama.md Ollama row "${o.refTag}": ${row.src}`, asOf: date,
    };
  });
}

export function buildModelsRegistry(): z.infer<typeof ModelRegistryFile> {
  const ref = Reference.parse(readJson(join(REFERENCE, "models-bedrock-ollama.json")));
  const litellm = z.record(z.string(), z.unknown()).parse(readJson(join(REFERENCE, "litellm", "model_prices_and_context_window.json")));
  const date = ref.as_of.slice(0, 10);
  const models: ModelEntry[] = [];
  for (const row of ref.models) {
    // bedrock_mantle models answer only on the OpenAI Responses-style endpoint, not Converse,
    // which is what generated Bedrock agents call; listing them would produce agents that fail.
    if (row.litellm_provider === "bedrock_mantle") continue;
    if (row.group === "bedrock") models.push(...bedrockEntries(row, litellm, ref.as_of, date));
    else models.push(peerEntry(row, litellm, ref.as_of, date));
  }
  models.push(...legacyEntries(litellm, ref.as_of, date), ...ollamaEntries(ref, date));
  for (const id of RECOMMENDED) if (!models.some((m) => m.id === id)) throw new Error(`recommended id '${id}' is not in the registry`);
  return ModelRegistryFile.parse({ version: `${date}.1`, models });
}

// ---------------------------------------------------------------------------------------
// Data tables. Names and families are labels, not facts; every number comes from the
// reference files above, except the Ollama rows, which are copied field by field from the
// reference's Ollama table (tests/unit/registry checks each against its row).
// ---------------------------------------------------------------------------------------

type Names = { vendor: string; family: string; name: string };
const n = (vendor: string, family: string, name: string): Names => ({ vendor, family, name });

/** In-region (or only-profile) Bedrock ids of the reference table → labels. */
const BEDROCK_NAMES: Record<string, Names> = {
  "anthropic.claude-opus-5": n("Anthropic", "Claude Opus", "Claude Opus 5"),
  "anthropic.claude-fable-5": n("Anthropic", "Claude Fable", "Claude Fable 5"),
  "anthropic.claude-sonnet-5": n("Anthropic", "Claude Sonnet", "Claude Sonnet 5"),
  "anthropic.claude-opus-4-8": n("Anthropic", "Claude Opus", "Claude Opus 4.8"),
  "anthropic.claude-opus-4-7": n("Anthropic", "Claude Opus", "Claude Opus 4.7"),
  "anthropic.claude-opus-4-6-v1": n("Anthropic", "Claude Opus", "Claude Opus 4.6"),
  "anthropic.claude-sonnet-4-6": n("Anthropic", "Claude Sonnet", "Claude Sonnet 4.6"),
  "anthropic.claude-opus-4-5-20251101-v1:0": n("Anthropic", "Claude Opus", "Claude Opus 4.5"),
  "anthropic.claude-sonnet-4-5-20250929-v1:0": n("Anthropic", "Claude Sonnet", "Claude Sonnet 4.5"),
  "anthropic.claude-haiku-4-5-20251001-v1:0": n("Anthropic", "Claude Haiku", "Claude Haiku 4.5"),
  "anthropic.claude-opus-4-1-20250805-v1:0": n("Anthropic", "Claude Opus", "Claude Opus 4.1"),
  "anthropic.claude-sonnet-4-20250514-v1:0": n("Anthropic", "Claude Sonnet", "Claude Sonnet 4"),
  "anthropic.claude-3-7-sonnet-20250219-v1:0": n("Anthropic", "Claude Sonnet", "Claude 3.7 Sonnet"),
  "anthropic.claude-3-5-haiku-20241022-v1:0": n("Anthropic", "Claude Haiku", "Claude 3.5 Haiku"),
  "anthropic.claude-3-haiku-20240307-v1:0": n("Anthropic", "Claude Haiku", "Claude 3 Haiku"),
  "anthropic.claude-mythos-preview": n("Anthropic", "Claude Mythos", "Claude Mythos (preview)"),
  "amazon.nova-micro-v1:0": n("Amazon", "Nova", "Nova Micro"),
  "amazon.nova-lite-v1:0": n("Amazon", "Nova", "Nova Lite"),
  "amazon.nova-pro-v1:0": n("Amazon", "Nova", "Nova Pro"),
  "us.amazon.nova-premier-v1:0": n("Amazon", "Nova", "Nova Premier"),
  "amazon.nova-2-lite-v1:0": n("Amazon", "Nova 2", "Nova 2 Lite"),
  "amazon.nova-2-pro-preview-20251202-v1:0": n("Amazon", "Nova 2", "Nova 2 Pro (preview)"),
  "meta.llama4-maverick-17b-instruct-v1:0": n("Meta", "Llama 4", "Llama 4 Maverick 17B Instruct"),
  "meta.llama4-scout-17b-instruct-v1:0": n("Meta", "Llama 4", "Llama 4 Scout 17B Instruct"),
  "meta.llama3-3-70b-instruct-v1:0": n("Meta", "Llama 3.3", "Llama 3.3 70B Instruct"),
  "meta.llama3-2-90b-instruct-v1:0": n("Meta", "Llama 3.2", "Llama 3.2 90B Instruct"),
  "meta.llama3-2-11b-instruct-v1:0": n("Meta", "Llama 3.2", "Llama 3.2 11B Instruct"),
  "meta.llama3-2-3b-instruct-v1:0": n("Meta", "Llama 3.2", "Llama 3.2 3B Instruct"),
  "meta.llama3-2-1b-instruct-v1:0": n("Meta", "Llama 3.2", "Llama 3.2 1B Instruct"),
  "meta.llama3-1-405b-instruct-v1:0": n("Meta", "Llama 3.1", "Llama 3.1 405B Instruct"),
  "meta.llama3-1-70b-instruct-v1:0": n("Meta", "Llama 3.1", "Llama 3.1 70B Instruct"),
  "meta.llama3-1-8b-instruct-v1:0": n("Meta", "Llama 3.1", "Llama 3.1 8B Instruct"),
  "mistral.mistral-large-3-675b-instruct": n("Mistral AI", "Mistral Large", "Mistral Large 3 (675B)"),
  "mistral.mistral-large-2407-v1:0": n("Mistral AI", "Mistral Large", "Mistral Large (24.07)"),
  "us.mistral.pixtral-large-2502-v1:0": n("Mistral AI", "Pixtral", "Pixtral Large (25.02)"),
  "mistral.magistral-small-2509": n("Mistral AI", "Magistral", "Magistral Small (25.09)"),
  "mistral.devstral-2-123b": n("Mistral AI", "Devstral", "Devstral 2 123B"),
  "mistral.ministral-3-14b-instruct": n("Mistral AI", "Ministral", "Ministral 3 14B Instruct"),
  "mistral.ministral-3-8b-instruct": n("Mistral AI", "Ministral", "Ministral 3 8B Instruct"),
  "mistral.ministral-3-3b-instruct": n("Mistral AI", "Ministral", "Ministral 3 3B Instruct"),
  "cohere.command-r-plus-v1:0": n("Cohere", "Command R", "Command R+"),
  "cohere.command-r-v1:0": n("Cohere", "Command R", "Command R"),
  "ai21.jamba-1-5-large-v1:0": n("AI21 Labs", "Jamba 1.5", "Jamba 1.5 Large"),
  "ai21.jamba-1-5-mini-v1:0": n("AI21 Labs", "Jamba 1.5", "Jamba 1.5 Mini"),
  "us.deepseek.r1-v1:0": n("DeepSeek", "DeepSeek R1", "DeepSeek-R1"),
  "deepseek.v3-v1:0": n("DeepSeek", "DeepSeek V3", "DeepSeek-V3.1"),
  "deepseek.v3.2": n("DeepSeek", "DeepSeek V3", "DeepSeek-V3.2"),
  "qwen.qwen3-235b-a22b-2507-v1:0": n("Qwen", "Qwen3", "Qwen3 235B A22B (2507)"),
  "qwen.qwen3-32b-v1:0": n("Qwen", "Qwen3", "Qwen3 32B"),
  "qwen.qwen3-coder-480b-a35b-v1:0": n("Qwen", "Qwen3 Coder", "Qwen3 Coder 480B A35B"),
  "qwen.qwen3-coder-30b-a3b-v1:0": n("Qwen", "Qwen3 Coder", "Qwen3 Coder 30B A3B"),
  "qwen.qwen3-next-80b-a3b": n("Qwen", "Qwen3", "Qwen3 Next 80B A3B"),
  "qwen.qwen3-vl-235b-a22b": n("Qwen", "Qwen3 VL", "Qwen3 VL 235B A22B"),
  "qwen.qwen3-coder-next": n("Qwen", "Qwen3 Coder", "Qwen3 Coder Next"),
  "openai.gpt-oss-120b-1:0": n("OpenAI", "gpt-oss", "gpt-oss-120b"),
  "openai.gpt-oss-20b-1:0": n("OpenAI", "gpt-oss", "gpt-oss-20b"),
  "writer.palmyra-x5-v1:0": n("Writer", "Palmyra", "Palmyra X5"),
  "writer.palmyra-x4-v1:0": n("Writer", "Palmyra", "Palmyra X4"),
  "google.gemma-3-27b-it": n("Google", "Gemma 3", "Gemma 3 27B IT"),
  "minimax.minimax-m2.5": n("MiniMax", "MiniMax M2", "MiniMax M2.5"),
  "moonshotai.kimi-k2.5": n("Moonshot AI", "Kimi K2", "Kimi K2.5"),
  "moonshot.kimi-k2-thinking": n("Moonshot AI", "Kimi K2", "Kimi K2 Thinking"),
  "nvidia.nemotron-super-3-120b": n("NVIDIA", "Nemotron", "Nemotron Super 3 120B"),
  "zai.glm-5": n("Z.ai", "GLM", "GLM-5"),
  "zai.glm-4.7-flash": n("Z.ai", "GLM", "GLM-4.7 Flash"),
};

/** Older Bedrock chat keys the reference names as "older/legacy"; kept so existing specs still resolve. */
const LEGACY_BEDROCK: Record<string, Names> = {
  "anthropic.claude-v2:1": n("Anthropic", "Claude 2", "Claude 2.1"),
  "anthropic.claude-instant-v1": n("Anthropic", "Claude Instant", "Claude Instant"),
  "amazon.titan-text-premier-v1:0": n("Amazon", "Titan Text", "Titan Text Premier"),
  "amazon.titan-text-express-v1": n("Amazon", "Titan Text", "Titan Text Express"),
  "amazon.titan-text-lite-v1": n("Amazon", "Titan Text", "Titan Text Lite"),
  "meta.llama3-70b-instruct-v1:0": n("Meta", "Llama 3", "Llama 3 70B Instruct"),
  "meta.llama3-8b-instruct-v1:0": n("Meta", "Llama 3", "Llama 3 8B Instruct"),
  "mistral.mistral-large-2402-v1:0": n("Mistral AI", "Mistral Large", "Mistral Large (24.02)"),
  "mistral.mistral-small-2402-v1:0": n("Mistral AI", "Mistral Small", "Mistral Small (24.02)"),
  "mistral.mixtral-8x7b-instruct-v0:1": n("Mistral AI", "Mixtral", "Mixtral 8x7B Instruct"),
  "mistral.mistral-7b-instruct-v0:2": n("Mistral AI", "Mistral 7B", "Mistral 7B Instruct"),
  "cohere.command-text-v14": n("Cohere", "Command", "Command"),
  "cohere.command-light-text-v14": n("Cohere", "Command", "Command Light"),
  "ai21.jamba-instruct-v1:0": n("AI21 Labs", "Jamba", "Jamba-Instruct"),
  "minimax.minimax-m2": n("MiniMax", "MiniMax M2", "MiniMax M2"),
  "minimax.minimax-m2.1": n("MiniMax", "MiniMax M2", "MiniMax M2.1"),
};

type PeerNames = Names & { provider: "openai" | "anthropic" | "google" };
const peer = (provider: PeerNames["provider"], vendor: string, family: string, name: string): PeerNames => ({ provider, vendor, family, name });
const PEER_NAMES: Record<string, PeerNames> = {
  "claude-opus-5": peer("anthropic", "Anthropic", "Claude Opus", "Claude Opus 5 (Anthropic API)"),
  "claude-sonnet-5": peer("anthropic", "Anthropic", "Claude Sonnet", "Claude Sonnet 5 (Anthropic API)"),
  "claude-haiku-4-5": peer("anthropic", "Anthropic", "Claude Haiku", "Claude Haiku 4.5 (Anthropic API)"),
  "gpt-5.6": peer("openai", "OpenAI", "GPT-5", "GPT-5.6"),
  "gpt-5.5": peer("openai", "OpenAI", "GPT-5", "GPT-5.5"),
  "gpt-5.4-mini": peer("openai", "OpenAI", "GPT-5", "GPT-5.4 mini"),
  "gpt-5.4-nano": peer("openai", "OpenAI", "GPT-5", "GPT-5.4 nano"),
  "gpt-4.1": peer("openai", "OpenAI", "GPT-4.1", "GPT-4.1"),
  "gpt-4o-mini": peer("openai", "OpenAI", "GPT-4o", "GPT-4o mini"),
  "o4-mini": peer("openai", "OpenAI", "o-series", "o4-mini"),
  "gemini/gemini-3.1-pro-preview": peer("google", "Google", "Gemini 3", "Gemini 3.1 Pro (preview)"),
  "gemini/gemini-3.5-flash": peer("google", "Google", "Gemini 3", "Gemini 3.5 Flash"),
  "gemini/gemini-2.5-pro": peer("google", "Google", "Gemini 2.5", "Gemini 2.5 Pro"),
  "gemini/gemini-2.5-flash": peer("google", "Google", "Gemini 2.5", "Gemini 2.5 Flash"),
  "gemini/gemini-2.5-flash-lite": peer("google", "Google", "Gemini 2.5", "Gemini 2.5 Flash-Lite"),
};

/**
 * The Bedrock models we stand behind (recommendation prefers them among equals): current
 * generation, tool use supported per litellm, priced in the reference, and together covering
 * the premium / balanced / budget tiers with more than one vendor:
 *   - Claude Sonnet 5 and Claude Haiku 4.5 through their `global.` profiles: priced like the
 *     in-region id (not the ~10% higher geographic profiles) and routed across regions;
 *   - Nova Pro and Nova 2 Lite (Amazon's own, tool use + vision; Nova 2 Lite adds reasoning
 *     and a 1M-token context) and Nova Micro for the cheapest text-only agents;
 *   - Llama 4 Maverick, an open-weight option with tool use at a low price.
 */
const RECOMMENDED = new Set([
  "global.anthropic.claude-sonnet-5",
  "global.anthropic.claude-haiku-4-5-20251001-v1:0",
  "amazon.nova-pro-v1:0",
  "amazon.nova-2-lite-v1:0",
  "amazon.nova-micro-v1:0",
  "meta.llama4-maverick-17b-instruct-v1:0",
]);

type OllamaRow = Names & {
  id: string;
  /** `tag` of the reference row the facts are copied from. */
  refTag: string;
  parameters: string | null;
  downloadSize: string | null;
  contextWindow: number | null;
  tools: boolean | null;
  vision: boolean | null;
  thinking: boolean | null;
};
const o = (row: OllamaRow): OllamaRow => row;
const LLAMA32 = "llama3.2 / llama3.2:1b";
const LLAMA31 = "llama3.1 / llama3.1:405b";
const VISION = "llama3.2-vision / :90b";
const QWEN3 = "qwen3 (:0.6b :1.7b :4b :8b :14b :30b :32b :235b)";
const QWEN3VL = "qwen3-vl (:2b :4b :8b :30b :32b :235b)";
const GEMMA3 = "gemma3 (:270m :1b :4b :12b :27b)";
const GEMMA4 = "gemma4 (:e2b :e4b :12b :26b :31b)";
const R1 = "deepseek-r1 (:1.5b :7b :8b :14b :32b :70b :671b)";
const GPTOSS = "gpt-oss (:20b :120b)";
/** Ollama tags for local development. null = the reference says "not verified". */
const OLLAMA_ENTRIES: OllamaRow[] = [
  o({ id: "llama3.2", refTag: LLAMA32, vendor: "Meta", family: "Llama 3.2", name: "Llama 3.2 3B (Ollama)", parameters: "3B", downloadSize: "2.0GB", contextWindow: 131072, tools: null, vision: false, thinking: null }),
  o({ id: "llama3.2:1b", refTag: LLAMA32, vendor: "Meta", family: "Llama 3.2", name: "Llama 3.2 1B (Ollama)", parameters: "1B", downloadSize: "1.3GB", contextWindow: 131072, tools: null, vision: false, thinking: null }),
  o({ id: "llama3.1", refTag: LLAMA31, vendor: "Meta", family: "Llama 3.1", name: "Llama 3.1 8B (Ollama)", parameters: "8B", downloadSize: "4.7GB", contextWindow: 131072, tools: true, vision: false, thinking: null }),
  o({ id: "llama3.1:405b", refTag: LLAMA31, vendor: "Meta", family: "Llama 3.1", name: "Llama 3.1 405B (Ollama)", parameters: "405B", downloadSize: "231GB", contextWindow: 131072, tools: true, vision: false, thinking: null }),
  o({ id: "llama3.3", refTag: "llama3.3", vendor: "Meta", family: "Llama 3.3", name: "Llama 3.3 70B (Ollama)", parameters: "70B", downloadSize: "43GB", contextWindow: 131072, tools: null, vision: false, thinking: null }),
  o({ id: "llama3.2-vision", refTag: VISION, vendor: "Meta", family: "Llama 3.2 Vision", name: "Llama 3.2 Vision 11B (Ollama)", parameters: "11B", downloadSize: "7.9GB", contextWindow: 131072, tools: null, vision: true, thinking: null }),
  o({ id: "llama3.2-vision:90b", refTag: VISION, vendor: "Meta", family: "Llama 3.2 Vision", name: "Llama 3.2 Vision 90B (Ollama)", parameters: "90B", downloadSize: "55GB", contextWindow: 131072, tools: null, vision: true, thinking: null }),
  o({ id: "qwen3:4b", refTag: QWEN3, vendor: "Alibaba", family: "Qwen3", name: "Qwen3 4B (Ollama)", parameters: "4B", downloadSize: null, contextWindow: 32768, tools: true, vision: null, thinking: true }),
  o({ id: "qwen3:8b", refTag: QWEN3, vendor: "Alibaba", family: "Qwen3", name: "Qwen3 8B (Ollama)", parameters: "8B", downloadSize: null, contextWindow: 131072, tools: true, vision: null, thinking: true }),
  o({ id: "qwen3:30b", refTag: QWEN3, vendor: "Alibaba", family: "Qwen3", name: "Qwen3 30B-A3B (Ollama)", parameters: "30B-A3B", downloadSize: null, contextWindow: 131072, tools: true, vision: null, thinking: true }),
  o({ id: "qwen3-vl:8b", refTag: QWEN3VL, vendor: "Alibaba", family: "Qwen3-VL", name: "Qwen3-VL 8B (Ollama)", parameters: "8B", downloadSize: "6.2GB", contextWindow: 262144, tools: null, vision: true, thinking: null }),
  o({ id: "gemma3:4b", refTag: GEMMA3, vendor: "Google", family: "Gemma 3", name: "Gemma 3 4B (Ollama)", parameters: "4B", downloadSize: "3.3GB", contextWindow: 131072, tools: false, vision: true, thinking: null }),
  o({ id: "gemma3:12b", refTag: GEMMA3, vendor: "Google", family: "Gemma 3", name: "Gemma 3 12B (Ollama)", parameters: "12B", downloadSize: "8.1GB", contextWindow: 131072, tools: false, vision: true, thinking: null }),
  o({ id: "gemma3:27b", refTag: GEMMA3, vendor: "Google", family: "Gemma 3", name: "Gemma 3 27B (Ollama)", parameters: "27B", downloadSize: "17GB", contextWindow: 131072, tools: false, vision: true, thinking: null }),
  o({ id: "gemma4:31b", refTag: GEMMA4, vendor: "Google", family: "Gemma 4", name: "Gemma 4 31B (Ollama)", parameters: "31B", downloadSize: null, contextWindow: null, tools: true, vision: true, thinking: true }),
  o({ id: "phi4-mini", refTag: "phi4-mini", vendor: "Microsoft", family: "Phi-4", name: "Phi-4-mini 3.8B (Ollama)", parameters: "3.8B", downloadSize: "2.5GB (q4_K_M)", contextWindow: 131072, tools: true, vision: null, thinking: null }),
  o({ id: "phi4", refTag: "phi4", vendor: "Microsoft", family: "Phi-4", name: "Phi-4 14B (Ollama)", parameters: "14B", downloadSize: "9.1GB", contextWindow: null, tools: null, vision: null, thinking: null }),
  o({ id: "mistral", refTag: "mistral", vendor: "Mistral AI", family: "Mistral 7B", name: "Mistral 7B (Ollama)", parameters: "7B", downloadSize: "4.1GB", contextWindow: null, tools: true, vision: null, thinking: null }),
  o({ id: "deepseek-r1:1.5b", refTag: R1, vendor: "DeepSeek", family: "DeepSeek-R1", name: "DeepSeek-R1 Distill 1.5B (Ollama)", parameters: "1.5B", downloadSize: null, contextWindow: 131072, tools: null, vision: null, thinking: true }),
  o({ id: "deepseek-r1:7b", refTag: R1, vendor: "DeepSeek", family: "DeepSeek-R1", name: "DeepSeek-R1 Distill 7B (Ollama)", parameters: "7B", downloadSize: "4.7GB", contextWindow: null, tools: null, vision: null, thinking: true }),
  o({ id: "gpt-oss:20b", refTag: GPTOSS, vendor: "OpenAI", family: "gpt-oss", name: "gpt-oss 20B (Ollama)", parameters: "21B (3.6B active)", downloadSize: null, contextWindow: 131072, tools: true, vision: null, thinking: true }),
  o({ id: "gpt-oss:120b", refTag: GPTOSS, vendor: "OpenAI", family: "gpt-oss", name: "gpt-oss 120B (Ollama)", parameters: "117B (5.1B active)", downloadSize: null, contextWindow: 131072, tools: true, vision: null, thinking: true }),
  o({ id: "granite3.2", refTag: "granite3.2", vendor: "IBM", family: "Granite 3.2", name: "Granite 3.2 8B (Ollama)", parameters: "8B", downloadSize: "4.9GB", contextWindow: null, tools: null, vision: null, thinking: null }),
];

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = `${JSON.stringify(buildModelsRegistry(), null, 2)}\n`;
  const target = join(ROOT, "registry", "models.json");
  if (process.argv.includes("--check")) {
    const same = readFileSync(target, "utf8") === out;
    console.log(same ? "registry/models.json is up to date" : "registry/models.json is stale: run scripts/build-models-registry.ts");
    process.exit(same ? 0 : 1);
  }
  writeFileSync(target, out);
  console.log(`wrote ${target}`);
}
