import { z } from "zod";
import { argumentsFor } from "./schema-args";

/**
 * What the mock model answers, as a pure function of the request, so a run is repeatable:
 * when the last user message names a tool it was given, it calls that tool; when tool
 * results came back, it answers using them; otherwise it answers the message.
 */

const Content = z.union([z.string(), z.array(z.object({ type: z.string(), text: z.string().optional() }).passthrough()), z.null()]);
const Message = z
  .object({
    role: z.string(),
    content: Content.optional(),
    name: z.string().optional(),
    tool_call_id: z.string().optional(),
    tool_calls: z.array(z.object({ id: z.string().optional(), function: z.object({ name: z.string(), arguments: z.string().optional() }).passthrough() }).passthrough()).optional(),
  })
  .passthrough();
const Tool = z.object({ type: z.string().optional(), function: z.object({ name: z.string(), description: z.string().optional(), parameters: z.unknown().optional() }).passthrough() }).passthrough();

export const ChatRequest = z
  .object({
    model: z.string().default("mock"),
    messages: z.array(Message).min(1, "needs at least one message"),
    tools: z.array(Tool).optional(),
    stream: z.boolean().optional(),
  })
  .passthrough();
export type ChatRequest = z.infer<typeof ChatRequest>;

export type ToolCall = { id: string; name: string; arguments: string };
/** `finish: "content_filter"` = a guardrail blocked the prompt (see guardrail.ts). */
export type MockReply = { kind: "text"; text: string; finish?: "content_filter" } | { kind: "tool_calls"; calls: ToolCall[] };

const MAX_CALLS = 3;
const QUOTE_CHARS = 200;

export function textOf(content: z.infer<typeof Content> | undefined): string {
  if (!content) return "";
  if (typeof content === "string") return content;
  return content.map((part) => part.text ?? "").join("");
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** True when `text` names the tool: its words in order, any separator, an optional plural. */
export function mentionsTool(text: string, toolName: string): boolean {
  const parts = toolName
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[\s_.-]+/)
    .filter(Boolean)
    .map(escape);
  if (parts.length === 0) return false;
  return new RegExp(`(^|[^a-z0-9])${parts.join("[\\s_-]*")}(s|es)?($|[^a-z0-9])`, "i").test(text);
}

const quote = (s: string) => (s.length > QUOTE_CHARS ? `${s.slice(0, QUOTE_CHARS)}…` : s);

export function mockReply(request: ChatRequest): MockReply {
  const messages = request.messages;
  const lastUserAt = messages.map((m) => m.role).lastIndexOf("user");
  const userText = lastUserAt >= 0 ? textOf(messages[lastUserAt]!.content) : "";
  const since = messages.slice(lastUserAt + 1);
  const results = since.filter((m) => m.role === "tool");

  if (results.length > 0) {
    const called = since.flatMap((m) => m.tool_calls ?? []).map((c) => c.function.name);
    const summary = results.map((r) => quote(textOf(r.content))).join(" | ");
    return { kind: "text", text: `I used ${[...new Set(called)].join(", ") || "a tool"} and it returned: ${summary}. That answers "${quote(userText)}".` };
  }
  const toolCallsAlready = since.some((m) => (m.tool_calls?.length ?? 0) > 0);
  const wanted = toolCallsAlready ? [] : (request.tools ?? []).filter((t) => mentionsTool(userText, t.function.name)).slice(0, MAX_CALLS);
  if (wanted.length > 0) {
    return {
      kind: "tool_calls",
      calls: wanted.map((t, i) => ({ id: `call_mock_${lastUserAt}_${i}`, name: t.function.name, arguments: JSON.stringify(argumentsFor(t.function.parameters, userText)) })),
    };
  }
  return { kind: "text", text: `This is the mock model answering "${quote(userText)}". No real model was called.` };
}

/** A rough token count (4 characters a token), so runs on the mock still report plausible usage. */
export const approxTokens = (chars: number) => Math.max(1, Math.ceil(chars / 4));

export function usageOf(request: ChatRequest, reply: MockReply) {
  const promptChars = request.messages.reduce((n, m) => n + textOf(m.content).length + JSON.stringify(m.tool_calls ?? "").length, 0) + JSON.stringify(request.tools ?? []).length;
  const replyChars = reply.kind === "text" ? reply.text.length : reply.calls.reduce((n, c) => n + c.name.length + c.arguments.length, 0);
  const prompt = approxTokens(promptChars);
  const completion = approxTokens(replyChars);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}
