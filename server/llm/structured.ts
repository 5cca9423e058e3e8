import { z } from "zod";
import { LanguageModelError } from "./errors";
import type { LanguageModelRequest, LanguageModelUsage } from "./types";

/**
 * Structured output: one answer that fills a JSON schema, asked for through the provider's
 * tool use (Bedrock Converse `toolConfig` with a forced `toolChoice`; OpenAI-compatible
 * `tools` + `tool_choice`, with a JSON reply in plain text accepted as a fallback). The
 * answer is `unknown`: the caller validates it; nothing here trusts the model.
 */
export type StructuredTool = { name: string; description: string; inputSchema: Record<string, unknown> };
export type StructuredRequest = LanguageModelRequest & { tool: StructuredTool };
export type StructuredResult = { input: unknown; usage: LanguageModelUsage; servedBy: string };

export interface StructuredModel {
  readonly id: string;
  readonly label: string;
  structured(req: StructuredRequest, signal?: AbortSignal): Promise<StructuredResult>;
}

export const hasStructured = (m: object): m is StructuredModel => typeof (m as { structured?: unknown }).structured === "function";

/** Parses the tool arguments (or a JSON reply in text, fenced or not); malformed JSON is a model error. */
export function parseToolArguments(raw: string, provider: string): unknown {
  const text = raw.trim().replace(/^```(?:json)?\s*/i, "").replace(/```\s*$/, "");
  try {
    return JSON.parse(text);
  } catch {
    throw new LanguageModelError(`${provider} answered with arguments that are not JSON`, { provider, transient: false });
  }
}

/** One streamed OpenAI chunk as far as tool calls go. */
export const ToolCallChunk = z.object({
  choices: z
    .array(
      z.object({
        delta: z
          .object({
            content: z.string().nullish(),
            tool_calls: z.array(z.object({ index: z.number().optional(), function: z.object({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish() })).nullish(),
          })
          .nullish(),
      }),
    )
    .nullish(),
  usage: z.object({ prompt_tokens: z.number().nullish(), completion_tokens: z.number().nullish() }).nullish(),
  error: z.object({ message: z.string().nullish() }).passthrough().nullish(),
});
