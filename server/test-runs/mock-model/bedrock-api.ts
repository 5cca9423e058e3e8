import type { ServerResponse } from "node:http";
import { z } from "zod";
import { encodeEvent } from "./event-stream";
import { usageOf, type ChatRequest, type MockReply } from "./policy";
import { splitText } from "./split-text";

/**
 * The mock model behind Bedrock Runtime's own API (`POST /model/{modelId}/converse` and
 * `/converse-stream`), so a generated agent's unchanged Bedrock client (pointed here by
 * AWS_ENDPOINT_URL_BEDROCK_RUNTIME, with throw-away credentials) talks to it exactly as it
 * talks to Bedrock: Converse JSON in, Converse JSON or an event stream out. The request is
 * translated to the mock's chat form, so the answers are the same as on the OpenAI route.
 */

export const BEDROCK_PATH = /^\/model\/([^/]+)\/(converse|converse-stream)$/;

const Block = z
  .object({
    text: z.string().optional(),
    toolUse: z.object({ toolUseId: z.string(), name: z.string(), input: z.unknown() }).optional(),
    toolResult: z.object({ toolUseId: z.string(), content: z.array(z.object({ text: z.string().optional(), json: z.unknown().optional() }).passthrough()).optional() }).passthrough().optional(),
  })
  .passthrough();
const ConverseRequest = z.object({
  messages: z.array(z.object({ role: z.enum(["user", "assistant"]), content: z.array(Block) })).min(1, "needs at least one message"),
  system: z.array(z.object({ text: z.string().optional() }).passthrough()).optional(),
  toolConfig: z.object({ tools: z.array(z.object({ toolSpec: z.object({ name: z.string(), description: z.string().optional(), inputSchema: z.object({ json: z.unknown() }).optional() }) }).passthrough()) }).passthrough().optional(),
});
export type ConverseRequest = z.infer<typeof ConverseRequest>;

const resultText = (r: NonNullable<z.infer<typeof Block>["toolResult"]>) => (r.content ?? []).map((c) => c.text ?? JSON.stringify(c.json ?? "")).join("");

/** Converse messages as the mock's chat request (system first, tool uses as tool calls, tool results as tool messages). */
export function toChatRequest(body: ConverseRequest, modelId: string): ChatRequest {
  const messages: ChatRequest["messages"] = (body.system ?? []).filter((s) => s.text).map((s) => ({ role: "system", content: s.text! }));
  for (const m of body.messages) {
    const text = m.content.map((b) => b.text ?? "").join("");
    const calls = m.content.flatMap((b) => (b.toolUse ? [{ id: b.toolUse.toolUseId, type: "function", function: { name: b.toolUse.name, arguments: JSON.stringify(b.toolUse.input ?? {}) } }] : []));
    for (const b of m.content) if (b.toolResult) messages.push({ role: "tool", tool_call_id: b.toolResult.toolUseId, content: resultText(b.toolResult) });
    if (m.role === "assistant") messages.push({ role: "assistant", content: text || null, ...(calls.length ? { tool_calls: calls } : {}) });
    else if (text) messages.push({ role: "user", content: text });
  }
  const tools = (body.toolConfig?.tools ?? []).map((t) => ({ type: "function", function: { name: t.toolSpec.name, description: t.toolSpec.description, parameters: t.toolSpec.inputSchema?.json } }));
  return { model: modelId, messages, ...(tools.length ? { tools } : {}) };
}

export function parseConverse(text: string): { ok: true; body: ConverseRequest } | { ok: false; message: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, message: "the body is not JSON" };
  }
  const parsed = ConverseRequest.safeParse(raw);
  return parsed.success ? { ok: true, body: parsed.data } : { ok: false, message: parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ") };
}

const stopReason = (reply: MockReply) => (reply.kind === "tool_calls" ? "tool_use" : reply.finish === "content_filter" ? "guardrail_intervened" : "end_turn");

function usage(request: ChatRequest, reply: MockReply) {
  const u = usageOf(request, reply);
  return { inputTokens: u.prompt_tokens, outputTokens: u.completion_tokens, totalTokens: u.total_tokens };
}

function contentOf(reply: MockReply) {
  return reply.kind === "text" ? [{ text: reply.text }] : reply.calls.map((c) => ({ toolUse: { toolUseId: c.id, name: c.name, input: JSON.parse(c.arguments) as unknown } }));
}

/** The Converse answer: one JSON document. */
export function converseReply(res: ServerResponse, request: ChatRequest, reply: MockReply) {
  const body = { output: { message: { role: "assistant", content: contentOf(reply) } }, stopReason: stopReason(reply), usage: usage(request, reply), metrics: { latencyMs: 0 } };
  res.writeHead(200, { "content-type": "application/json", "x-amzn-requestid": "mock" }).end(JSON.stringify(body));
}

/** The ConverseStream answer: the event stream Bedrock sends (text in deltas of a few words, tool input whole). */
export function converseStreamReply(res: ServerResponse, request: ChatRequest, reply: MockReply) {
  res.writeHead(200, { "content-type": "application/vnd.amazon.eventstream", "x-amzn-requestid": "mock" });
  const send = (type: string, member: unknown) => res.write(encodeEvent(type, member));
  send("messageStart", { role: "assistant" });
  if (reply.kind === "text") {
    for (const part of splitText(reply.text)) send("contentBlockDelta", { contentBlockIndex: 0, delta: { text: part } });
    send("contentBlockStop", { contentBlockIndex: 0 });
  } else {
    reply.calls.forEach((c, i) => {
      send("contentBlockStart", { contentBlockIndex: i, start: { toolUse: { toolUseId: c.id, name: c.name } } });
      send("contentBlockDelta", { contentBlockIndex: i, delta: { toolUse: { input: c.arguments } } });
      send("contentBlockStop", { contentBlockIndex: i });
    });
  }
  send("messageStop", { stopReason: stopReason(reply) });
  send("metadata", { usage: usage(request, reply), metrics: { latencyMs: 0 } });
  res.end();
}
