import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  type ConverseCommandInput,
  type ConverseStreamOutput,
} from "@aws-sdk/client-bedrock-runtime";
import { DomainError } from "../errors";
import { normalizeTurns, withPartialText } from "./collect";
import { parseToolArguments } from "./structured";
import { LanguageModelError, describeError, isAbortError, isNetworkError, isTransientStatus } from "./errors";
import type { StructuredModel, StructuredRequest, StructuredResult } from "./structured";
import type { Completion, LanguageModel, LanguageModelRequest, StopReason, StreamEvent } from "./types";

/** The part of BedrockRuntimeClient we use; tests inject an object with this shape. */
export type BedrockClientLike = { send(command: ConverseStreamCommand | ConverseCommand, options?: { abortSignal?: AbortSignal }): Promise<unknown> };

export type BedrockOptions = { modelId: string; region?: string; client?: BedrockClientLike };

/** Bedrock error names that mean "try again later" rather than "your request is wrong". */
const TRANSIENT_NAMES = new Set([
  "ThrottlingException",
  "ServiceUnavailableException",
  "InternalServerException",
  "ModelTimeoutException",
  "ModelNotReadyException",
  "ModelStreamErrorException",
  "TooManyRequestsException",
  "TimeoutError",
  "RequestTimeout",
]);

const STOP_REASONS: Record<string, StopReason> = {
  end_turn: "end_turn",
  max_tokens: "max_tokens",
  stop_sequence: "stop_sequence",
  tool_use: "tool_use",
  content_filtered: "content_filtered",
  guardrail_intervened: "content_filtered",
};

/** AWS Bedrock Runtime through the Converse API (ConverseStream for streaming). */
export class BedrockLanguageModel implements LanguageModel, StructuredModel {
  readonly id: string;
  readonly label: string;
  private readonly client: BedrockClientLike;

  constructor(private readonly opts: BedrockOptions) {
    this.id = `bedrock:${opts.modelId}`;
    this.label = `AWS Bedrock (${opts.modelId})`;
    this.client = opts.client ?? new BedrockRuntimeClient({ region: opts.region ?? "us-east-1" });
  }

  async *stream(req: LanguageModelRequest, signal?: AbortSignal): AsyncIterable<StreamEvent> {
    const response = (await this.send(new ConverseStreamCommand(this.input(req)), signal)) as {
      stream?: AsyncIterable<ConverseStreamOutput>;
    };
    if (!response.stream) throw this.error(new Error("the response has no stream"), false);
    let text = "";
    let stopReason: StopReason = "unknown";
    try {
      for await (const event of response.stream) {
        const failure = streamFailure(event);
        if (failure) throw failure;
        const delta = event.contentBlockDelta?.delta?.text;
        if (delta) {
          text += delta;
          yield { type: "text", delta };
        }
        if (event.messageStop) stopReason = STOP_REASONS[event.messageStop.stopReason ?? ""] ?? "unknown";
        if (event.metadata) {
          const usage = { inputTokens: event.metadata.usage?.inputTokens ?? 0, outputTokens: event.metadata.usage?.outputTokens ?? 0 };
          yield { type: "done", usage, stopReason, servedBy: this.id };
          return;
        }
      }
    } catch (e) {
      throw withPartialText(this.toError(e), text, this.id);
    }
    // Some gateways end the stream without a metadata event; the reply is still whole.
    yield { type: "done", usage: { inputTokens: 0, outputTokens: 0 }, stopReason, servedBy: this.id };
  }

  async complete(req: LanguageModelRequest, signal?: AbortSignal): Promise<Completion> {
    const out = (await this.send(new ConverseCommand(this.input(req)), signal)) as {
      output?: { message?: { content?: { text?: string }[] } };
      stopReason?: string;
      usage?: { inputTokens?: number; outputTokens?: number };
    };
    const text = (out.output?.message?.content ?? []).map((b) => b.text ?? "").join("");
    return {
      text,
      usage: { inputTokens: out.usage?.inputTokens ?? 0, outputTokens: out.usage?.outputTokens ?? 0 },
      stopReason: STOP_REASONS[out.stopReason ?? ""] ?? "unknown",
      servedBy: this.id,
      notices: [],
    };
  }

  /** Converse with one tool and `toolChoice` forcing it: the tool's input is the structured answer. */
  async structured(req: StructuredRequest, signal?: AbortSignal): Promise<StructuredResult> {
    const toolConfig = {
      tools: [{ toolSpec: { name: req.tool.name, description: req.tool.description, inputSchema: { json: req.tool.inputSchema } } }],
      toolChoice: { tool: { name: req.tool.name } },
    };
    const out = (await this.send(new ConverseCommand({ ...this.input(req), toolConfig } as ConverseCommandInput), signal)) as {
      output?: { message?: { content?: { text?: string; toolUse?: { name?: string; input?: unknown } }[] } };
      usage?: { inputTokens?: number; outputTokens?: number };
    };
    const blocks = out.output?.message?.content ?? [];
    const use = blocks.find((b) => b.toolUse?.name === req.tool.name)?.toolUse;
    if (!use) throw new LanguageModelError(`Bedrock ${this.opts.modelId} did not call ${req.tool.name}`, { provider: this.id, transient: false });
    const input = typeof use.input === "string" ? parseToolArguments(use.input, this.id) : use.input;
    return { input, usage: { inputTokens: out.usage?.inputTokens ?? 0, outputTokens: out.usage?.outputTokens ?? 0 }, servedBy: this.id };
  }

  private input(req: LanguageModelRequest): ConverseCommandInput {
    const messages = normalizeTurns(req.messages);
    if (messages.length === 0) throw new DomainError("invalid", "There is no user message to answer");
    return {
      modelId: this.opts.modelId,
      messages: messages.map((m) => ({ role: m.role, content: [{ text: m.content }] })),
      ...(req.system ? { system: [{ text: req.system }] } : {}),
      inferenceConfig: {
        ...(req.maxTokens !== undefined ? { maxTokens: req.maxTokens } : {}),
        ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
      },
    };
  }

  private async send(command: ConverseStreamCommand | ConverseCommand, signal?: AbortSignal) {
    try {
      return await this.client.send(command, signal ? { abortSignal: signal } : undefined);
    } catch (e) {
      throw this.toError(e);
    }
  }

  private toError(e: unknown): unknown {
    if (e instanceof LanguageModelError || e instanceof DomainError || isAbortError(e)) return e;
    const name = (e as { name?: string }).name ?? "";
    const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    const transient = TRANSIENT_NAMES.has(name) || isNetworkError(e) || (status !== undefined && isTransientStatus(status));
    return this.error(e, transient, status);
  }

  private error(e: unknown, transient: boolean, status?: number) {
    const name = (e as { name?: string }).name;
    const label = name && name !== "Error" ? `${name}: ` : "";
    return new LanguageModelError(`Bedrock ${this.opts.modelId} failed: ${label}${describeError(e)}`, {
      provider: this.id,
      transient,
      status,
      cause: e,
    });
  }
}

/** ConverseStream reports some failures as events inside the stream instead of throwing. */
function streamFailure(event: ConverseStreamOutput): Error | undefined {
  const members = [
    ["ThrottlingException", event.throttlingException],
    ["ServiceUnavailableException", event.serviceUnavailableException],
    ["InternalServerException", event.internalServerException],
    ["ModelStreamErrorException", event.modelStreamErrorException],
    ["ValidationException", event.validationException],
  ] as const;
  for (const [name, value] of members) {
    if (value) return Object.assign(new Error(value.message ?? name), { name });
  }
  return undefined;
}
