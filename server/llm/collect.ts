import { LanguageModelError, describeError, isAbortError } from "./errors";
import type { Completion, LanguageModelRequest, StopReason, StreamEvent } from "./types";

/**
 * Drains a stream into one Completion: the shared `complete()` of every model built on
 * streaming. A failure after some text rethrows with the partial text attached.
 */
export async function collectStream(
  events: AsyncIterable<StreamEvent>,
  fallbackServedBy: string,
): Promise<Completion> {
  let text = "";
  const notices: string[] = [];
  let usage = { inputTokens: 0, outputTokens: 0 };
  let stopReason: StopReason = "unknown";
  let servedBy = fallbackServedBy;
  try {
    for await (const event of events) {
      if (event.type === "text") text += event.delta;
      else if (event.type === "notice") notices.push(event.message);
      else ({ usage, stopReason, servedBy } = event);
    }
  } catch (e) {
    throw withPartialText(e, text, fallbackServedBy);
  }
  return { text, usage, stopReason, servedBy, notices };
}

export function withPartialText(e: unknown, partialText: string, provider: string): unknown {
  // A cancelled request is the caller's own doing: it stays an AbortError.
  if (!partialText || isAbortError(e)) return e;
  if (e instanceof LanguageModelError) {
    e.partialText ??= partialText;
    return e;
  }
  return new LanguageModelError(`The reply stopped early: ${describeError(e)}`, {
    provider,
    transient: true,
    cause: e,
    partialText,
  });
}

/**
 * Providers want strictly alternating turns starting with the user (Bedrock rejects
 * anything else); a stored conversation may open with the PM's greeting or hold two
 * user messages in a row after a failed reply, so merge and trim rather than fail.
 */
export function normalizeTurns(messages: LanguageModelRequest["messages"]): LanguageModelRequest["messages"] {
  const out: LanguageModelRequest["messages"] = [];
  for (const m of messages) {
    if (!m.content.trim()) continue;
    if (out.length === 0 && m.role === "assistant") continue;
    const last = out[out.length - 1];
    if (last && last.role === m.role) last.content = `${last.content}\n\n${m.content}`;
    else out.push({ role: m.role, content: m.content });
  }
  return out;
}

/** Rough token count (4 characters a token) for providers that report none. */
export const estimateTokens = (text: string) => Math.ceil(text.length / 4);
