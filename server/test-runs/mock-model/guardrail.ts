import type { GuardrailsSpec } from "../../spec/guardrails";
import { textOf, type ChatRequest } from "./policy";

/**
 * The mock model's stand-in for a Bedrock Guardrail, so the guardrail flow runs offline:
 * a prompt on a denied topic, or one holding a blocked word, is answered with the
 * guardrail's blocked message and `finish_reason: "content_filter"` (the OpenAI contract
 * for filtered content), which the agent reports as a guardrail intervention. Bedrock
 * judges topics by meaning; the mock matches words, so it is deterministic:
 * a topic matches when the prompt contains its name or one of its examples; a word when
 * the prompt contains it as a whole word. Matching ignores case.
 */

export type GuardrailHit = { kind: "topic" | "word"; name: string };

const normal = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const hasPhrase = (text: string, phrase: string) => {
  const p = normal(phrase);
  return p.length > 0 && new RegExp(`(^|[^\\p{L}\\p{N}])${escape(p)}($|[^\\p{L}\\p{N}])`, "u").test(text);
};

/** What in the last user message the guardrail blocks, or null. */
export function guardrailHit(userText: string, g: GuardrailsSpec): GuardrailHit | null {
  const text = normal(userText);
  for (const topic of g.deniedTopics) {
    if (hasPhrase(text, topic.name) || topic.examples.some((e) => text.includes(normal(e)))) return { kind: "topic", name: topic.name };
  }
  const word = g.words.find((w) => hasPhrase(text, w));
  return word ? { kind: "word", name: word } : null;
}

/** The blocked answer when the request's last user message breaks the guardrail, else null. */
export function guardrailReply(request: ChatRequest, g: GuardrailsSpec | undefined): { text: string; hit: GuardrailHit } | null {
  if (!g) return null;
  const lastUser = [...request.messages].reverse().find((m) => m.role === "user");
  const hit = lastUser ? guardrailHit(textOf(lastUser.content), g) : null;
  return hit ? { text: g.blockedMessage, hit } : null;
}
