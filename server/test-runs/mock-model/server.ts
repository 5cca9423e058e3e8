import type { IncomingMessage, ServerResponse } from "node:http";
import { listenHttp, readBody, type ListenOn, type ListeningServer } from "../model/listen";
import type { GuardrailsSpec } from "../../spec/guardrails";
import { guardrailReply } from "./guardrail";
import { BEDROCK_PATH, converseReply, converseStreamReply, parseConverse, toChatRequest } from "./bedrock-api";
import { ChatRequest, mockReply, usageOf, type MockReply } from "./policy";
import { splitText } from "./split-text";

export { splitText };

/**
 * The built-in mock model: an OpenAI-compatible Chat Completions endpoint (`POST
 * /v1/chat/completions`, streaming SSE or a JSON answer, tool calls, usage in the last
 * chunk) that answers deterministically, so the whole run path works offline and in CI.
 * The same answers are served on Bedrock Runtime's Converse API (bedrock-api.ts), so an
 * agent's Bedrock client can be pointed here by endpoint alone.
 */

export const MOCK_MODEL_ID = "mock";

/** Requests served, and the tool names agents offered (the deploy rehearsal asks for them by name). */
export type MockStats = { requests: number; toolNames?: Set<string> };

function chunkOf(model: string, delta: object, finish: string | null = null) {
  return { id: "chatcmpl-mock", object: "chat.completion.chunk", created: 0, model, choices: [{ index: 0, delta, finish_reason: finish }] };
}

function sse(res: ServerResponse, data: unknown) {
  res.write(`data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`);
}

function streamReply(res: ServerResponse, request: ChatRequest, reply: MockReply) {
  const model = request.model;
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  if (reply.kind === "text") {
    splitText(reply.text).forEach((part, i) => sse(res, chunkOf(model, i === 0 ? { role: "assistant", content: part } : { content: part })));
    sse(res, chunkOf(model, {}, reply.finish ?? "stop"));
  } else {
    const tool_calls = reply.calls.map((c, index) => ({ index, id: c.id, type: "function", function: { name: c.name, arguments: c.arguments } }));
    sse(res, chunkOf(model, { role: "assistant", content: null, tool_calls }));
    sse(res, chunkOf(model, {}, "tool_calls"));
  }
  sse(res, { id: "chatcmpl-mock", object: "chat.completion.chunk", created: 0, model, choices: [], usage: usageOf(request, reply) });
  sse(res, "[DONE]");
  res.end();
}

function jsonReply(res: ServerResponse, request: ChatRequest, reply: MockReply) {
  const message =
    reply.kind === "text"
      ? { role: "assistant", content: reply.text }
      : { role: "assistant", content: null, tool_calls: reply.calls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: c.arguments } })) };
  const body = {
    id: "chatcmpl-mock",
    object: "chat.completion",
    created: 0,
    model: request.model,
    choices: [{ index: 0, message, finish_reason: reply.kind === "text" ? (reply.finish ?? "stop") : "tool_calls" }],
    usage: usageOf(request, reply),
  };
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
}

const error = (res: ServerResponse, status: number, message: string) =>
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ error: { message, type: "invalid_request_error" } }));

/** What a run's mock honours: the agent's guardrail (its denied topics and blocked words). */
export type MockOptions = { guardrails?: GuardrailsSpec };

function replyTo(request: ChatRequest, options: MockOptions): MockReply {
  const blocked = guardrailReply(request, options.guardrails);
  return blocked ? { kind: "text", text: blocked.text, finish: "content_filter" } : mockReply(request);
}

/** The request handler, to mount on any HTTP server. */
export function mockModelHandler(stats: MockStats = { requests: 0 }, options: MockOptions = {}) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0]!;
    if (req.method === "GET" && (path === "/v1/models" || path === "/models")) {
      return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ object: "list", data: [{ id: MOCK_MODEL_ID, object: "model", owned_by: "agent-builder" }] }));
    }
    const bedrock = req.method === "POST" ? BEDROCK_PATH.exec(path) : null;
    if (bedrock) return void serveBedrock(req, res, decodeURIComponent(bedrock[1]!), bedrock[2] === "converse-stream", stats, options);
    if (req.method !== "POST" || !/\/chat\/completions$/.test(path)) return void error(res, 404, `no route for ${req.method} ${path}`);
    readBody(req).then(
      (body) => {
        let parsed: ReturnType<typeof ChatRequest.safeParse>;
        try {
          parsed = ChatRequest.safeParse(JSON.parse(body));
        } catch {
          return error(res, 400, "the body is not JSON");
        }
        if (!parsed.success) return error(res, 400, parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
        stats.requests++;
        for (const t of parsed.data.tools ?? []) stats.toolNames?.add(t.function.name);
        const reply = replyTo(parsed.data, options);
        if (parsed.data.stream) streamReply(res, parsed.data, reply);
        else jsonReply(res, parsed.data, reply);
      },
      () => error(res, 413, "the request is too large"),
    );
  };
}

/** Bedrock's Converse/ConverseStream, answered by the same policy (errors in Bedrock's JSON shape). */
function serveBedrock(req: IncomingMessage, res: ServerResponse, modelId: string, stream: boolean, stats: MockStats, options: MockOptions) {
  const fail = (status: number, message: string) => res.writeHead(status, { "content-type": "application/json", "x-amzn-errortype": "ValidationException" }).end(JSON.stringify({ message }));
  readBody(req).then(
    (body) => {
      const parsed = parseConverse(body);
      if (!parsed.ok) return fail(400, parsed.message);
      const request = toChatRequest(parsed.body, modelId);
      stats.requests++;
      for (const t of request.tools ?? []) stats.toolNames?.add(t.function.name);
      const reply = replyTo(request, options);
      if (stream) converseStreamReply(res, request, reply);
      else converseReply(res, request, reply);
    },
    () => fail(413, "the request is too large"),
  );
}

export type MockModelServer = ListeningServer & { stats: MockStats };

/** Starts the mock model on a loopback port (`{ port: 0 }` picks one) or a Unix socket. */
export async function startMockModelServer(on: ListenOn, options: MockOptions = {}): Promise<MockModelServer> {
  const stats: MockStats = { requests: 0, toolNames: new Set() };
  const server = await listenHttp(mockModelHandler(stats, options), on);
  return { ...server, stats };
}
