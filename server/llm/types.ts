import { z } from "zod";
import { DomainError } from "../errors";

/**
 * The one interface every part of Agent Builder uses to talk to a language model:
 * Bedrock Runtime, any OpenAI-compatible endpoint (Ollama) and the offline rule-based
 * model all implement it, and `createLanguageModel` wraps the configured one with
 * retries, a circuit breaker and a visible fallback.
 */

export const ChatMessage = z.object({
  role: z.enum(["user", "assistant"]),
  content: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const LanguageModelRequest = z.object({
  system: z.string().optional(),
  messages: z.array(ChatMessage).min(1, "a request needs at least one message"),
  maxTokens: z.number().int().min(1).max(200_000).optional(),
  temperature: z.number().min(0).max(2).optional(),
});
export type LanguageModelRequest = z.infer<typeof LanguageModelRequest>;

/** Checks a request at the door of a model; a bad one is the caller's error, named by field. */
export function parseRequest(req: unknown): LanguageModelRequest {
  const result = LanguageModelRequest.safeParse(req);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new DomainError("invalid", `Invalid model request: ${issue?.path.join(".") || "(request)"} ${issue?.message}`);
}

export type LanguageModelUsage = { inputTokens: number; outputTokens: number };

/** Provider stop reasons, normalised so callers can branch without knowing the provider. */
export type StopReason =
  | "end_turn"
  | "max_tokens"
  | "stop_sequence"
  | "tool_use"
  | "content_filtered"
  | "unknown";

export type StreamEvent =
  | { type: "text"; delta: string }
  /** Said before any text when the reply does not come from the configured provider. */
  | { type: "notice"; message: string }
  | { type: "done"; usage: LanguageModelUsage; stopReason: StopReason; servedBy: string };

export type Completion = {
  text: string;
  usage: LanguageModelUsage;
  stopReason: StopReason;
  servedBy: string;
  notices: string[];
};

export interface LanguageModel {
  /** Stable machine id, e.g. `bedrock:us.anthropic.claude-…`, `offline`. */
  readonly id: string;
  /** What the UI shows as the provider that serves replies. */
  readonly label: string;
  /**
   * Streams the reply. A provider failure after some text throws a LanguageModelError
   * carrying `partialText`, so the caller can keep the partial reply and mark it.
   */
  stream(req: LanguageModelRequest, signal?: AbortSignal): AsyncIterable<StreamEvent>;
  complete(req: LanguageModelRequest, signal?: AbortSignal): Promise<Completion>;
}
