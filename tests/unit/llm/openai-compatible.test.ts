import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { LanguageModelError } from "../../../server/llm/errors";
import { OpenAICompatibleLanguageModel } from "../../../server/llm/openai-compatible";
import type { StreamEvent } from "../../../server/llm/types";
import { delta, sse, startMockServer, type Script } from "./mock-openai-server";

const servers: { close: () => Promise<void> }[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function serve(script: Script) {
  const server = await startMockServer(script);
  servers.push(server);
  return server;
}

async function drain(stream: AsyncIterable<StreamEvent>) {
  const out: StreamEvent[] = [];
  for await (const e of stream) out.push(e);
  return out;
}

const hi = { messages: [{ role: "user" as const, content: "hi" }] };

describe("OpenAICompatibleLanguageModel against a local mock server", () => {
  test("posts a streaming chat completion and maps the SSE chunks", async () => {
    const server = await serve((_req, res) =>
      sse(res, [
        { choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] },
        delta("Hel"),
        delta("lo"),
        delta("", "stop"),
        { choices: [], usage: { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 } },
      ]),
    );
    const model = new OpenAICompatibleLanguageModel({ baseUrl: server.url, modelId: "llama3.2", apiKey: "local-key" });
    const out = await drain(model.stream({ system: "Be brief.", messages: [{ role: "user", content: "hi" }], maxTokens: 64, temperature: 0.1 }));
    assert.deepEqual(out, [
      { type: "text", delta: "Hel" },
      { type: "text", delta: "lo" },
      { type: "done", usage: { inputTokens: 9, outputTokens: 2 }, stopReason: "end_turn", servedBy: "openai-compatible:llama3.2" },
    ]);
    const req = server.requests[0]!;
    assert.equal(req.method, "POST");
    assert.equal(req.url, "/v1/chat/completions");
    assert.equal(req.headers.authorization, "Bearer local-key");
    assert.deepEqual(req.body, {
      model: "llama3.2",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "hi" },
      ],
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 64,
      temperature: 0.1,
    });
  });

  test("a base URL that already ends in /v1 is not doubled", async () => {
    const server = await serve((_req, res) => sse(res, [delta("ok", "length")]));
    const out = await drain(new OpenAICompatibleLanguageModel({ baseUrl: `${server.url}/v1/`, modelId: "m" }).stream(hi));
    assert.equal(server.requests[0]!.url, "/v1/chat/completions");
    assert.deepEqual(out.at(-1), { type: "done", usage: { inputTokens: 0, outputTokens: 0 }, stopReason: "max_tokens", servedBy: "openai-compatible:m" });
  });

  test("SSE events split across TCP writes and CRLF line ends still parse", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      const payload = `data: ${JSON.stringify(delta("split "))}\r\n\r\n: a comment\r\n\r\ndata: ${JSON.stringify(delta("works"))}\r\n\r\ndata: [DONE]\r\n\r\n`;
      const cut = payload.length / 3;
      res.write(payload.slice(0, cut));
      setTimeout(() => {
        res.write(payload.slice(cut, cut * 2));
        setTimeout(() => res.end(payload.slice(cut * 2)), 5);
      }, 5);
    });
    const out = await new OpenAICompatibleLanguageModel({ baseUrl: server.url, modelId: "m" }).complete(hi);
    assert.equal(out.text, "split works");
  });

  test("HTTP 503 is a transient error naming the status; HTTP 404 is not transient", async () => {
    const busy = await serve((_req, res) => res.writeHead(503).end("overloaded"));
    await assert.rejects(drain(new OpenAICompatibleLanguageModel({ baseUrl: busy.url, modelId: "m" }).stream(hi)), (e: unknown) => {
      return e instanceof LanguageModelError && e.transient && e.status === 503 && /HTTP 503: overloaded/.test(e.message);
    });
    const missing = await serve((_req, res) => res.writeHead(404).end('{"error":"model not found"}'));
    await assert.rejects(
      drain(new OpenAICompatibleLanguageModel({ baseUrl: missing.url, modelId: "nope" }).stream(hi)),
      (e: unknown) => e instanceof LanguageModelError && !e.transient && e.status === 404,
    );
  });

  test("an error chunk mid-stream throws after the partial text, which the error carries", async () => {
    const server = await serve((_req, res) => sse(res, [delta("Half an "), delta("answer"), { error: { message: "model crashed" } }], { done: false }));
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const e of new OpenAICompatibleLanguageModel({ baseUrl: server.url, modelId: "m" }).stream(hi)) if (e.type === "text") seen.push(e.delta);
      })(),
      (e: unknown) => e instanceof LanguageModelError && e.partialText === "Half an answer" && /model crashed/.test(e.message),
    );
    assert.deepEqual(seen, ["Half an ", "answer"]);
  });

  test("a connection cut mid-stream keeps the partial text", async () => {
    const server = await serve((req, res) => {
      sse(res, [delta("cut ")], { end: false, done: false });
      setTimeout(() => res.socket?.destroy(), 10);
      void req;
    });
    await assert.rejects(
      new OpenAICompatibleLanguageModel({ baseUrl: server.url, modelId: "m" }).complete(hi),
      (e: unknown) => e instanceof LanguageModelError && e.partialText === "cut ",
    );
  });

  test("nothing listening is a transient 'unreachable' error", async () => {
    const server = await serve((_req, res) => res.end());
    const url = server.url;
    await server.close();
    await assert.rejects(
      drain(new OpenAICompatibleLanguageModel({ baseUrl: url, modelId: "m" }).stream(hi)),
      (e: unknown) => e instanceof LanguageModelError && e.transient && /unreachable/.test(e.message),
    );
  });

  test("aborting the request stops the stream with an AbortError", async () => {
    const server = await serve((_req, res) => sse(res, [delta("slow")], { end: false, done: false }));
    const controller = new AbortController();
    const stream = new OpenAICompatibleLanguageModel({ baseUrl: server.url, modelId: "m" }).stream(hi, controller.signal);
    await assert.rejects(
      (async () => {
        for await (const e of stream) if (e.type === "text") controller.abort();
      })(),
      (e: unknown) => e instanceof Error && e.name === "AbortError",
    );
  });
});
