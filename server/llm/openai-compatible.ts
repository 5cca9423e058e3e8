import { z } from "zod";
import { DomainError } from "../errors";
import { collectStream, normalizeTurns, withPartialText } from "./collect";
import { LanguageModelError, describeError, isAbortError, isNetworkError, isTransientStatus } from "./errors";
import { readSseData } from "./sse";
import { parseToolArguments, ToolCallChunk, type StructuredModel, type StructuredRequest, type StructuredResult } from "./structured";
import type { Completion, LanguageModel, LanguageModelRequest, StopReason, StreamEvent } from "./types";

export type OpenAICompatibleOptions = {
  /** e.g. `http://127.0.0.1:11434` (Ollama) or `https://api.example.com/v1`. */
  baseUrl: string;
  modelId: string;
  apiKey?: string;
  fetch?: typeof fetch;
};

/** One streamed chunk; providers add fields, so only what we read is checked. */
const Chunk = z.object({
  choices: z
    .array(z.object({ delta: z.object({ content: z.string().nullish() }).nullish(), finish_reason: z.string().nullish() }))
    .nullish(),
  usage: z.object({ prompt_tokens: z.number().nullish(), completion_tokens: z.number().nullish() }).nullish(),
  error: z.object({ message: z.string().nullish() }).passthrough().nullish(),
});

const STOP_REASONS: Record<string, StopReason> = {
  stop: "end_turn",
  length: "max_tokens",
  content_filter: "content_filtered",
  tool_calls: "tool_use",
};

/** Any endpoint speaking OpenAI's `/v1/chat/completions` with SSE streaming (Ollama, vLLM, LiteLLM, …). */
export class OpenAICompatibleLanguageModel implements LanguageModel, StructuredModel {
  readonly id: string;
  readonly label: string;
  private readonly url: string;

  constructor(private readonly opts: OpenAICompatibleOptions) {
    const base = opts.baseUrl.replace(/\/+$/, "");
    this.url = `${/\/v1$/.test(base) ? base : `${base}/v1`}/chat/completions`;
    this.id = `openai-compatible:${opts.modelId}`;
    this.label = `${opts.modelId} at ${base}`;
  }

  async *stream(req: LanguageModelRequest, signal?: AbortSignal): AsyncIterable<StreamEvent> {
    const response = await this.post(req, signal);
    let text = "";
    let stopReason: StopReason = "unknown";
    let usage = { inputTokens: 0, outputTokens: 0 };
    try {
      for await (const data of readSseData(response.body!)) {
        if (data.trim() === "[DONE]") break;
        const chunk = this.parseChunk(data);
        const delta = chunk.choices?.[0]?.delta?.content;
        if (delta) {
          text += delta;
          yield { type: "text", delta };
        }
        const finish = chunk.choices?.[0]?.finish_reason;
        if (finish) stopReason = STOP_REASONS[finish] ?? "unknown";
        if (chunk.usage) {
          usage = { inputTokens: chunk.usage.prompt_tokens ?? 0, outputTokens: chunk.usage.completion_tokens ?? 0 };
        }
      }
    } catch (e) {
      throw withPartialText(this.toError(e), text, this.id);
    }
    yield { type: "done", usage, stopReason, servedBy: this.id };
  }

  complete(req: LanguageModelRequest, signal?: AbortSignal): Promise<Completion> {
    return collectStream(this.stream(req, signal), this.id);
  }

  /** One forced function call whose arguments fill `req.tool.inputSchema`. */
  async structured(req: StructuredRequest, signal?: AbortSignal): Promise<StructuredResult> {
    const tool = { type: "function", function: { name: req.tool.name, description: req.tool.description, parameters: req.tool.inputSchema } };
    const response = await this.post(req, signal, { tools: [tool], tool_choice: { type: "function", function: { name: req.tool.name } } });
    let args = "";
    let text = "";
    let usage = { inputTokens: 0, outputTokens: 0 };
    try {
      for await (const data of readSseData(response.body!)) {
        if (data.trim() === "[DONE]") break;
        const chunk = ToolCallChunk.safeParse(safeJson(data));
        if (!chunk.success) throw new LanguageModelError(`${this.label} sent an unexpected chunk`, { provider: this.id, transient: true });
        if (chunk.data.error) throw new LanguageModelError(`${this.label} failed mid-stream: ${chunk.data.error.message ?? "unknown error"}`, { provider: this.id, transient: true });
        const delta = chunk.data.choices?.[0]?.delta;
        for (const call of delta?.tool_calls ?? []) args += call.function?.arguments ?? "";
        text += delta?.content ?? "";
        if (chunk.data.usage) usage = { inputTokens: chunk.data.usage.prompt_tokens ?? 0, outputTokens: chunk.data.usage.completion_tokens ?? 0 };
      }
    } catch (e) {
      throw this.toError(e);
    }
    return { input: parseToolArguments(args || text, this.id), usage, servedBy: this.id };
  }

  private async post(req: LanguageModelRequest, signal?: AbortSignal, extra: Record<string, unknown> = {}): Promise<Response> {
    const messages = normalizeTurns(req.messages);
    if (messages.length === 0) throw new DomainError("invalid", "There is no user message to answer");
    const body = {
      model: this.opts.modelId,
      messages: [...(req.system ? [{ role: "system", content: req.system }] : []), ...messages],
      stream: true,
      stream_options: { include_usage: true },
      ...(req.maxTokens !== undefined ? { max_tokens: req.maxTokens } : {}),
      ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
      ...extra,
    };
    let response: Response;
    try {
      response = await (this.opts.fetch ?? fetch)(this.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "text/event-stream",
          ...(this.opts.apiKey ? { authorization: `Bearer ${this.opts.apiKey}` } : {}),
        },
        body: JSON.stringify(body),
        signal,
      });
    } catch (e) {
      throw this.toError(e);
    }
    if (!response.ok || !response.body) {
      const detail = (await response.text().catch(() => "")).slice(0, 300);
      throw new LanguageModelError(`${this.label} answered HTTP ${response.status}${detail ? `: ${detail}` : ""}`, {
        provider: this.id,
        transient: isTransientStatus(response.status),
        status: response.status,
      });
    }
    return response;
  }

  private parseChunk(data: string) {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      throw new LanguageModelError(`${this.label} sent a chunk that is not JSON`, { provider: this.id, transient: true });
    }
    const chunk = Chunk.safeParse(json);
    if (!chunk.success) throw new LanguageModelError(`${this.label} sent an unexpected chunk`, { provider: this.id, transient: true });
    if (chunk.data.error) {
      const message = chunk.data.error.message ?? "unknown error";
      throw new LanguageModelError(`${this.label} failed mid-stream: ${message}`, { provider: this.id, transient: true });
    }
    return chunk.data;
  }

  private toError(e: unknown): unknown {
    if (e instanceof LanguageModelError || isAbortError(e)) return e;
    return new LanguageModelError(`${this.label} is unreachable: ${describeError(e)}`, {
      provider: this.id,
      transient: isNetworkError(e) || e instanceof TypeError,
      cause: e,
    });
  }
}

function safeJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}
