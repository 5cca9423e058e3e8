import type { ContentBlock, ConverseStreamCommandInput, ConverseStreamOutput, Message } from "@aws-sdk/client-bedrock-runtime";
import { textOf, type ChatRequest } from "../mock-model/policy";

/**
 * OpenAI Chat Completions ⇄ Bedrock Converse, as pure functions: the request (messages, tool
 * calls, tool results, tool definitions) into a ConverseStream input, and each stream event
 * into OpenAI chunk deltas. The bridge serves sandboxed agents Bedrock without giving them
 * credentials or network.
 */

type Role = "user" | "assistant";

function parseArgs(text: string | undefined): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text ?? "{}");
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return { raw: text ?? "" };
  }
}

export function toConverseInput(req: ChatRequest & { max_tokens?: number; temperature?: number }, modelId: string): ConverseStreamCommandInput {
  const system: { text: string }[] = [];
  const messages: Message[] = [];
  const add = (role: Role, blocks: ContentBlock[]) => {
    if (blocks.length === 0) return;
    const last = messages.at(-1);
    // Converse needs alternating roles; consecutive turns of one role are merged.
    if (last && last.role === role) last.content!.push(...blocks);
    else messages.push({ role, content: blocks });
  };
  for (const m of req.messages) {
    const text = textOf(m.content);
    if (m.role === "system" || m.role === "developer") {
      if (text) system.push({ text });
    } else if (m.role === "tool") {
      add("user", [{ toolResult: { toolUseId: m.tool_call_id ?? "unknown", content: [{ text: text || "(empty)" }], status: "success" } }]);
    } else if (m.role === "assistant") {
      const blocks: ContentBlock[] = text ? [{ text }] : [];
      for (const c of m.tool_calls ?? []) blocks.push({ toolUse: { toolUseId: c.id ?? c.function.name, name: c.function.name, input: parseArgs(c.function.arguments) as never } });
      add("assistant", blocks);
    } else if (text) add("user", [{ text }]);
  }
  const tools = (req.tools ?? []).map((t) => ({ toolSpec: { name: t.function.name, description: t.function.description || t.function.name, inputSchema: { json: (t.function.parameters ?? { type: "object", properties: {} }) as never } } }));
  return {
    modelId,
    messages,
    ...(system.length ? { system } : {}),
    ...(tools.length ? { toolConfig: { tools } } : {}),
    inferenceConfig: {
      ...(typeof req.max_tokens === "number" ? { maxTokens: req.max_tokens } : {}),
      ...(typeof req.temperature === "number" ? { temperature: req.temperature } : {}),
    },
  };
}

export type ChunkDelta = { delta?: Record<string, unknown>; finish?: string; usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } };

const FINISH: Record<string, string> = { tool_use: "tool_calls", max_tokens: "length" };

/** Translates one ConverseStream event, tracking which content blocks are tool calls. */
export function streamTranslator() {
  const toolIndex = new Map<number, number>();
  return (event: ConverseStreamOutput): ChunkDelta | null => {
    const start = event.contentBlockStart;
    if (start?.start?.toolUse) {
      const index = toolIndex.size;
      toolIndex.set(start.contentBlockIndex ?? 0, index);
      const { toolUseId, name } = start.start.toolUse;
      return { delta: { tool_calls: [{ index, id: toolUseId, type: "function", function: { name, arguments: "" } }] } };
    }
    const delta = event.contentBlockDelta;
    if (delta?.delta?.text) return { delta: { content: delta.delta.text } };
    if (delta?.delta?.toolUse) {
      const index = toolIndex.get(delta.contentBlockIndex ?? 0) ?? 0;
      return { delta: { tool_calls: [{ index, function: { arguments: delta.delta.toolUse.input ?? "" } }] } };
    }
    if (event.messageStop) return { finish: FINISH[event.messageStop.stopReason ?? ""] ?? "stop" };
    if (event.metadata?.usage) {
      const u = event.metadata.usage;
      return { usage: { prompt_tokens: u.inputTokens ?? 0, completion_tokens: u.outputTokens ?? 0, total_tokens: (u.inputTokens ?? 0) + (u.outputTokens ?? 0) } };
    }
    return null;
  };
}
