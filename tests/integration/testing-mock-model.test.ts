import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { argumentsFor } from "../../server/test-runs/mock-model/schema-args";
import { mentionsTool, mockReply, ChatRequest } from "../../server/test-runs/mock-model/policy";
import { startMockModelServer, type MockModelServer } from "../../server/test-runs/mock-model/server";
import { chooseModel, type TestModelConfig } from "../../server/test-runs/model/choose";
import { startModelProxy } from "../../server/test-runs/model/proxy";

/** The built-in mock model: an OpenAI-compatible, deterministic, streaming endpoint with tool calls. */

const NOTEBOOK = {
  type: "function",
  function: {
    name: "notebook",
    description: "Manages notebooks",
    parameters: { type: "object", properties: { mode: { type: "string", enum: ["create", "list", "read", "write", "clear"] }, name: { type: "string" } }, required: ["mode"] },
  },
};

let server: MockModelServer;
before(async () => (server = await startMockModelServer({ port: 0 })));
after(() => server.close());

type Chunk = { choices: Array<{ delta: { content?: string | null; tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }> }; finish_reason: string | null }>; usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } };

async function stream(body: object): Promise<{ chunks: Chunk[]; done: boolean; type: string | null }> {
  const res = await fetch(`${server.url}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: "m", stream: true, ...body }) });
  const text = await res.text();
  const datas = text.split("\n\n").filter(Boolean).map((b) => b.replace(/^data: /, ""));
  return { chunks: datas.filter((d) => d !== "[DONE]").map((d) => JSON.parse(d) as Chunk), done: datas.at(-1) === "[DONE]", type: res.headers.get("content-type") };
}

describe("mock model policy", () => {
  test("a tool is named when its words appear in the message, in any case, plural or with separators", () => {
    assert.equal(mentionsTool("List my notebooks", "notebook"), true);
    assert.equal(mentionsTool("make an HTTP request to it", "http_request"), true);
    assert.equal(mentionsTool("make an http-request", "httpRequest"), true);
    assert.equal(mentionsTool("my notebookish thing", "notebook"), false);
    assert.equal(mentionsTool("hello", "notebook"), false);
  });

  test("arguments come from the schema: the enum value the user said, else the first; strings get the text", () => {
    assert.deepEqual(argumentsFor(NOTEBOOK.function.parameters, "please LIST them"), { mode: "list" });
    assert.deepEqual(argumentsFor(NOTEBOOK.function.parameters, "do something"), { mode: "create" });
    const nested = { type: "object", required: ["q", "n", "opts"], properties: { q: { type: "string" }, n: { type: "integer", minimum: 3 }, opts: { type: "object", required: ["on"], properties: { on: { type: "boolean" } } } } };
    assert.deepEqual(argumentsFor(nested, "find cats"), { q: "find cats", n: 3, opts: { on: false } });
  });

  test("tool call first, then an answer that uses the tool result; the same request gives the same reply", () => {
    const ask = ChatRequest.parse({ messages: [{ role: "system", content: "be nice" }, { role: "user", content: "List my notebooks" }], tools: [NOTEBOOK] });
    const first = mockReply(ask);
    assert.equal(first.kind, "tool_calls");
    assert.deepEqual(first.kind === "tool_calls" && first.calls.map((c) => [c.name, JSON.parse(c.arguments)]), [["notebook", { mode: "list" }]]);
    assert.deepEqual(mockReply(ask), first);
    const id = first.kind === "tool_calls" ? first.calls[0]!.id : "";
    const answer = mockReply(ChatRequest.parse({ ...ask, messages: [...ask.messages, { role: "assistant", content: null, tool_calls: [{ id, type: "function", function: { name: "notebook", arguments: "{}" } }] }, { role: "tool", tool_call_id: id, content: "Available notebooks: default" }] }));
    assert.equal(answer.kind, "text");
    assert.match(answer.kind === "text" ? answer.text : "", /notebook.*Available notebooks: default/);
  });
});

describe("mock model server (OpenAI-compatible)", () => {
  test("streams a text answer as SSE deltas, then finish, usage and [DONE]", async () => {
    const { chunks, done, type } = await stream({ messages: [{ role: "user", content: "Say something about the weather today please" }] });
    assert.equal(type, "text/event-stream");
    assert.equal(done, true);
    const deltas = chunks.flatMap((c) => c.choices.map((ch) => ch.delta.content ?? "")).filter(Boolean);
    assert.ok(deltas.length >= 3, `several deltas, got ${deltas.length}`);
    assert.match(deltas.join(""), /^This is the mock model answering "Say something about the weather today please"/);
    assert.equal(chunks.at(-2)?.choices[0]?.finish_reason, "stop");
    const usage = chunks.at(-1)!.usage!;
    assert.deepEqual(chunks.at(-1)!.choices, []);
    assert.ok(usage.prompt_tokens > 0 && usage.completion_tokens > 0);
    assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens);
  });

  test("streams a tool call with its arguments and finish_reason tool_calls", async () => {
    const { chunks } = await stream({ messages: [{ role: "user", content: "create a notebook" }], tools: [NOTEBOOK] });
    const call = chunks[0]!.choices[0]!.delta.tool_calls![0]!;
    assert.equal(call.function.name, "notebook");
    assert.deepEqual(JSON.parse(call.function.arguments), { mode: "create" });
    assert.equal(chunks[1]!.choices[0]!.finish_reason, "tool_calls");
  });

  test("answers without streaming, lists its model, and refuses bad requests clearly", async () => {
    const res = await fetch(`${server.url}/chat/completions`, { method: "POST", body: JSON.stringify({ model: "x", messages: [{ role: "user", content: "hi" }] }) });
    const body = (await res.json()) as { choices: Array<{ message: { content: string }; finish_reason: string }>; usage: { prompt_tokens: number } };
    assert.equal(body.choices[0]!.finish_reason, "stop");
    assert.match(body.choices[0]!.message.content, /mock model/);
    assert.deepEqual(((await (await fetch(`${server.url}/models`)).json()) as { data: Array<{ id: string }> }).data.map((m) => m.id), ["mock"]);
    const bad = await fetch(`${server.url}/chat/completions`, { method: "POST", body: JSON.stringify({ messages: [] }) });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: { message: string } }).error.message, /messages/);
    assert.equal((await fetch(`${server.url}/chat/completions`, { method: "POST", body: "{not json" })).status, 400);
    assert.equal((await fetch(`${server.url!.replace("/v1", "")}/admin`)).status, 404);
    assert.ok(server.stats.requests >= 3);
  });

  test("listens on a Unix socket (how a sandbox reaches it) that anyone may connect to", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mock-sock-"));
    const sock = await startMockModelServer({ socketPath: join(dir, "model.sock") });
    try {
      const body = await new Promise<string>((resolve, reject) => {
        const req = request({ socketPath: sock.socketPath!, path: "/v1/models", method: "GET" }, (res) => {
          let text = "";
          res.on("data", (d: Buffer) => (text += d.toString()));
          res.on("end", () => resolve(text));
        });
        req.on("error", reject);
        req.end();
      });
      assert.match(body, /"mock"/);
      const { statSync } = await import("node:fs");
      assert.equal(statSync(sock.socketPath!).mode & 0o777, 0o666);
    } finally {
      await sock.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("choosing the model of a test run", () => {
  const base: TestModelConfig = { mode: "auto", llmProvider: "offline", region: "us-east-1" };

  test("Bedrock when configured, a reachable OpenAI-compatible endpoint next, else the mock", async () => {
    assert.deepEqual((await chooseModel({ ...base, llmProvider: "bedrock" }, "amazon.nova-pro-v1:0")).served, { kind: "bedrock", id: "amazon.nova-pro-v1:0", label: "bedrock:amazon.nova-pro-v1:0" });
    assert.deepEqual((await chooseModel({ ...base, baseUrl: server.url! }, "amazon.nova-pro-v1:0")).served, { kind: "openai-compatible", id: "mock", label: "openai-compatible:mock" });
    assert.deepEqual((await chooseModel({ ...base, baseUrl: "http://127.0.0.1:9/v1" }, "amazon.nova-pro-v1:0")).served.kind, "mock");
    assert.deepEqual((await chooseModel({ ...base, mode: "mock", llmProvider: "bedrock" }, null)).served, { kind: "mock", id: "mock", label: "mock" });
  });

  test("the endpoint proxy forwards chat completions (streams included) with the chosen model, nothing else", async () => {
    const proxy = await startModelProxy({ baseUrl: server.url!, modelId: "llama3.1:8b" }, { port: 0 });
    try {
      const res = await fetch(`${proxy.url}/chat/completions`, { method: "POST", body: JSON.stringify({ model: "ignored", stream: true, messages: [{ role: "user", content: "hello" }] }) });
      const text = await res.text();
      assert.match(text, /"model":"llama3.1:8b"/);
      assert.match(text, /"content":"This is the "/);
      assert.match(text, /data: \[DONE\]/);
      assert.equal((await fetch(`${proxy.url!.replace("/v1", "")}/api/pull`, { method: "POST" })).status, 404);
    } finally {
      await proxy.close();
    }
  });
});
