import { GuardrailsSpec } from "../../spec/guardrails";
import { events, invoke, timed } from "./http-checks";
import type { RehearsalCheck } from "./types";

/**
 * With a guardrail in the spec, the rehearsal's mock model honours it (server/test-runs/
 * mock-model/guardrail.ts) and a client asks about a denied topic (or sends a blocked
 * word): the streamed answer must carry a guardrail event and end with the blocked message.
 */

/** The spec's guardrail, or undefined when it has none (or it does not parse). */
export function specGuardrails(spec: { guardrails?: unknown }): GuardrailsSpec | undefined {
  const parsed = GuardrailsSpec.safeParse(spec.guardrails);
  return spec.guardrails !== undefined && parsed.success ? parsed.data : undefined;
}

/** A prompt the guardrail must block, or null when it blocks nothing the mock can match. */
function offendingPrompt(g: GuardrailsSpec): string | null {
  const topic = g.deniedTopics[0];
  if (topic) return `Tell me about ${topic.name}, please.`;
  const word = g.words[0];
  return word ? `Please repeat: ${word}` : null;
}

export async function guardrailCheck(url: string, g: GuardrailsSpec, timeoutMs: number): Promise<RehearsalCheck | null> {
  const prompt = offendingPrompt(g);
  if (!prompt) return null;
  return timed("guardrail", async () => {
    const a = await invoke(url, prompt, 8, timeoutMs, { accept: "text/event-stream" });
    if (a.status !== 200) throw new Error(`HTTP ${a.status}: ${a.body.slice(0, 300)}`);
    const list = events(a);
    const intervened = list.find((e) => e.type === "guardrail");
    if (!intervened) throw new Error(`a prompt on a denied topic got no guardrail event (events: ${list.map((e) => e.type).join(", ") || "none"})`);
    const final = list.at(-1);
    if (final?.type !== "final" || final.output !== g.blockedMessage) throw new Error(`the answer was not the blocked message: ${JSON.stringify(final).slice(0, 200)}`);
    return `the guardrail intervened: "${prompt}" was answered with the blocked message`;
  });
}
