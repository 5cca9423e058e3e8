import type { GuardrailsSpec } from "../../spec/guardrails";
import type { CostUsage } from "../inputs";
import { charge, type LineDraft } from "../line";
import { priceOf, type RegionServices } from "../pricing";

/**
 * Amazon Bedrock Guardrails: billed per 1,000 text units evaluated, metered separately for
 * each policy the guardrail has. A text unit holds up to 1,000 characters; the guardrail
 * evaluates the prompt and the answer of every model call. Characters come from the token
 * assumptions at 4 characters a token (the same rule as natKbPerRequest).
 * No price for it is in shared/reference (checked 2026-12-04): the prices stay null in
 * registry/pricing.json and the line says "price unknown" instead of inventing one.
 */

const CHARS_PER_TOKEN = 4;
const CHARS_PER_TEXT_UNIT = 1_000;

type PolicyKey = "denied_topics_per_1k_text_units" | "sensitive_information_per_1k_text_units" | "word_filters_per_1k_text_units" | "contextual_grounding_per_1k_text_units";

/** The metered policies the spec's guardrail has, with their price keys. */
function policies(g: GuardrailsSpec): Array<{ what: string; key: PolicyKey }> {
  const out: Array<{ what: string; key: PolicyKey }> = [];
  if (g.deniedTopics.length > 0) out.push({ what: "denied topics", key: "denied_topics_per_1k_text_units" });
  if (g.pii.length > 0) out.push({ what: "sensitive information (PII)", key: "sensitive_information_per_1k_text_units" });
  if (g.words.length > 0 || g.profanity) out.push({ what: "word filters", key: "word_filters_per_1k_text_units" });
  if (g.groundingThreshold !== undefined) out.push({ what: "contextual grounding", key: "contextual_grounding_per_1k_text_units" });
  return out;
}

/** Text units one request sends through the guardrail: each model call's prompt and answer, rounded up per evaluation. */
export function textUnitsPerRequest(usage: CostUsage): number {
  const calls = 1 + usage.toolRoundTrips;
  const promptUnits = Math.ceil((usage.inputTokens * CHARS_PER_TOKEN) / CHARS_PER_TEXT_UNIT);
  const answerUnits = Math.ceil(((usage.outputTokens / calls) * CHARS_PER_TOKEN) / CHARS_PER_TEXT_UNIT);
  return calls * (promptUnits + answerUnits);
}

/** The guardrail's line, or null when the spec has none. */
export function guardrailLine(svc: RegionServices | null, g: GuardrailsSpec | undefined, usage: CostUsage): LineDraft | null {
  if (!g) return null;
  const units = usage.requestsPerMonth * textUnitsPerRequest(usage);
  const prices = svc?.bedrock_guardrails;
  const metered = policies(g);
  return {
    service: "Bedrock Guardrails",
    category: "security",
    charges: metered.map((p) => charge(p.what, units, "text units", priceOf(prices?.[p.key]), 1_000)),
    note:
      metered.length === 0
        ? "no metered policy configured"
        : "a text unit is up to 1,000 characters (4 characters a token assumed); Guardrails prices are not in the reference data yet",
  };
}
