import type { Capability, ModelProvider } from "~/server/registry/schema";

/**
 * Display helpers for registry facts. A null fact is unknown, never zero: it always
 * renders as "unknown" so nobody reads a missing price as free or a missing limit as none.
 */
export const UNKNOWN = "unknown";

export const PROVIDERS: { id: ModelProvider; label: string }[] = [
  { id: "bedrock", label: "Amazon Bedrock" },
  { id: "anthropic", label: "Anthropic API" },
  { id: "openai", label: "OpenAI API" },
  { id: "google", label: "Google API" },
  { id: "ollama", label: "Ollama (local)" },
];
export const providerLabel = (p: ModelProvider) => PROVIDERS.find((x) => x.id === p)?.label ?? p;

export const CAPABILITIES: { id: Capability; label: string }[] = [
  { id: "toolUse", label: "Tool use" },
  { id: "vision", label: "Vision" },
  { id: "reasoning", label: "Reasoning" },
  { id: "structuredOutput", label: "Structured output" },
  { id: "streaming", label: "Streaming" },
  { id: "promptCaching", label: "Prompt caching" },
];

/** 200000 → "200K", 1000000 → "1M". */
export function formatTokens(n: number | null): string {
  if (n === null) return UNKNOWN;
  if (n >= 1_000_000) return `${trim(n / 1_000_000)}M`;
  if (n >= 1_000) return `${trim(n / 1_000)}K`;
  return String(n);
}

/** A price per 1M tokens: enough decimals to tell cheap models apart. */
export function formatPrice(n: number | null): string {
  if (n === null) return UNKNOWN;
  if (n === 0) return "$0";
  return n < 0.1 ? `$${trim(n, 4)}` : `$${trim(n, 2)}`;
}

/** A monthly cost in USD. */
export function formatUsd(n: number | null): string {
  if (n === null) return UNKNOWN;
  if (n > 0 && n < 0.01) return "<$0.01";
  return `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function formatFlag(v: boolean | null): string {
  return v === null ? UNKNOWN : v ? "Yes" : "No";
}

const trim = (n: number, digits = 1) => Number(n.toFixed(digits)).toString();

/** "" → undefined; anything else → a number (NaN included, so the server names the field). */
export const numberOrUndefined = (text: string): number | undefined => (text.trim() === "" ? undefined : Number(text));

/**
 * Where a registry entry's facts come from, by name: the registry keeps the full
 * provenance (file keys, reference notes), the Models tab shows who published it.
 */
export function sourceName(source: string): string {
  if (/^litellm\b/i.test(source)) return "LiteLLM model prices (BerriAI/litellm)";
  if (/\bOllama row\b/.test(source)) return "Ollama model library (ollama.com)";
  const first = source.split(/[;(]/)[0]!.trim();
  return /(^|\/)shared\/reference\//.test(first) ? "Agent Builder reference notes" : first;
}
