import type { ModelEntry } from "./schema";

/**
 * What a free-text use case asks of a model. Each trait is recognised by words in the use
 * case and measured on the registry's facts only (capability flags, context window,
 * family), so a recommendation never rests on anything the registry does not record.
 */
export type UseCaseTrait = {
  key: string;
  label: string;
  pattern: RegExp;
  /** 0–1: how well the model serves the trait; unknown facts count as 0. */
  fit: (m: ModelEntry) => number;
  /** Why the model fits, for the recommendation's reasons. */
  why: string;
};

const LONG_CONTEXT = 200_000;

export const USE_CASE_TRAITS: readonly UseCaseTrait[] = [
  {
    key: "coding",
    label: "coding",
    pattern: /\b(code|coding|program\w*|developer|software|debug\w*|refactor\w*|repositor\w+|pull requests?|unit tests?)\b/i,
    fit: (m) => (/coder|devstral/i.test(`${m.family} ${m.name}`) ? 1 : m.capabilities.reasoning === true ? 0.5 : 0),
    why: "code-tuned or reasoning model",
  },
  {
    key: "vision",
    label: "images",
    pattern: /\b(images?|photos?|pictures?|screenshots?|scans?|scanned|charts?|diagrams?|vision|visual|ocr|receipts?)\b/i,
    fit: (m) => (m.capabilities.vision === true ? 1 : 0),
    why: "accepts images",
  },
  {
    key: "reasoning",
    label: "reasoning",
    pattern: /\b(reason\w*|analy[sz]\w*|math\w*|plan|planning|complex|research\w*|logic\w*|strateg\w*|multi-step)\b/i,
    fit: (m) => (m.capabilities.reasoning === true ? 1 : 0),
    why: "reasoning model",
  },
  {
    key: "long-context",
    label: "long documents",
    pattern: /\b(long|large|lengthy) (documents?|contexts?|files?|reports?|contracts?)\b|\b(books?|contracts?|codebases?|pdfs?|transcripts?|manuals?)\b/i,
    fit: (m) => (m.contextWindow === null ? 0 : m.contextWindow >= LONG_CONTEXT ? 1 : m.contextWindow >= 128_000 ? 0.5 : 0),
    why: "large context window",
  },
  {
    key: "structured",
    label: "structured output",
    pattern: /\b(json|extract\w*|structured|schemas?|forms?|classif\w*|tagging|entities)\b/i,
    fit: (m) => (m.capabilities.structuredOutput === true ? 1 : 0),
    why: "structured output",
  },
  {
    key: "conversation",
    label: "conversational assistant",
    pattern: /\b(chat\w*|support|customers?|help ?desk|faq|assistant|conversation\w*|concierge)\b/i,
    fit: (m) => (m.capabilities.streaming === true ? 1 : 0),
    why: "streams replies",
  },
];

export function matchTraits(useCase: string): UseCaseTrait[] {
  return useCase.trim() === "" ? [] : USE_CASE_TRAITS.filter((t) => t.pattern.test(useCase));
}

/** Words that ask for the cheapest capable model: cost then weighs more in the score. */
export const COST_SENSITIVE = /\b(cheap\w*|low[- ]cost|inexpensive|budget|high[- ]volume|bulk|millions?|triage|routing)\b/i;
