import { appendMessage, type ConversationMessage } from "../dynamo/conversation-repo";
import { DomainError } from "../errors";
import type { LanguageModel, LanguageModelRequest } from "../llm";
import { LanguageModelError } from "../llm";
import { log } from "../log";
import type { Platform } from "../platform/types";
import type { ConsultationState } from "./state";
import type { Understanding } from "./understand-turn";

/** What `consultation.send` and `consultation.retry` stream to the browser, in this order. */
export type SendEvent =
  /**
   * The message was stored and the draft updated: the spec panel lights up `changed` at
   * once. `understanding` says which engine read the message (null on a retry: none did).
   */
  | { type: "accepted"; userMessage: ConversationMessage; state: ConsultationState; changed: string[]; understanding: Understanding | null }
  /** Said before any text when the configured model was unreachable and the offline model answers. */
  | { type: "notice"; message: string }
  | { type: "text"; delta: string }
  /** The whole reply, as stored. */
  | { type: "done"; message: ConversationMessage }
  /** The provider failed; what had streamed is stored and marked partial (null when nothing had). */
  | { type: "failed"; error: string; message: ConversationMessage | null };

export type ReplyDeps = { platform: Pick<Platform, "dynamo">; model: LanguageModel };

/**
 * Streams the PM's reply from the language model and stores it when complete. A provider
 * error mid-stream stores the partial reply marked `partial`, and so does a client that
 * goes away mid-stream (the generator is returned early): nothing streamed is lost.
 */
export async function* streamReply(deps: ReplyDeps, projectId: string, request: LanguageModelRequest, first: SendEvent, signal?: AbortSignal): AsyncGenerator<SendEvent> {
  let text = "";
  let servedBy = deps.model.id;
  let settled = false;
  const store = (content: string, partial: boolean) => appendMessage(deps.platform.dynamo, { projectId, role: "assistant", content, partial, servedBy });
  try {
    yield first;
    try {
      for await (const event of deps.model.stream(request, signal)) {
        if (event.type === "text") text += event.delta;
        if (event.type === "done") servedBy = event.servedBy;
        else yield event;
      }
      if (!text.trim()) throw new LanguageModelError("The model returned an empty reply", { provider: servedBy, transient: true });
    } catch (e) {
      const partialText = (e instanceof LanguageModelError && e.partialText) || text;
      settled = true;
      const message = partialText.trim() ? await store(partialText, true) : null;
      log.warn("consultation reply failed", { projectId, servedBy, partialChars: partialText.length, error: String(e) });
      yield { type: "failed", error: safeMessage(e), message };
      return;
    }
    settled = true;
    yield { type: "done", message: await store(text, false) };
  } finally {
    // Returned early (the browser closed the stream): keep what had streamed.
    if (!settled && text.trim()) await store(text, true).catch((e) => log.error("storing a partial reply failed", { projectId, error: String(e) }));
  }
}

function safeMessage(e: unknown): string {
  if (e instanceof DomainError) return e.message;
  return "The reply stopped because of an unexpected error";
}
