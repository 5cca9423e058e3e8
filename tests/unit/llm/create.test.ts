import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createLanguageModel } from "../../../server/llm/create";
import { RuleBasedLanguageModel } from "../../../server/llm/rule-based";
import { ResilientLanguageModel } from "../../../server/llm/resilient";
import { DomainError } from "../../../server/errors";
import { realRegistry } from "../pipeline/registry";
import { delta, sse, startMockServer } from "./mock-openai-server";

const registry = realRegistry();
const fast = { initialDelayMs: 1, maxDelayMs: 2, maxAttempts: 2 };
const closers: (() => Promise<void>)[] = [];
after(async () => {
  await Promise.all(closers.map((c) => c()));
});

const ask = { messages: [{ role: "user" as const, content: "I want a research agent that searches the web." }] };

describe("createLanguageModel", () => {
  test("the offline model is the default and is not wrapped", () => {
    const model = createLanguageModel({}, { registry });
    assert.ok(model instanceof RuleBasedLanguageModel);
    assert.equal(model.id, "offline");
  });

  test("a configuration that cannot work is rejected with a reason", () => {
    assert.throws(() => createLanguageModel({ provider: "bedrock" }), (e: unknown) => e instanceof DomainError && /model id/.test(e.message));
    assert.throws(() => createLanguageModel({ provider: "openai-compatible", modelId: "llama3.2" }), /base URL/);
    assert.throws(() => createLanguageModel({ provider: "bedrock", modelId: "x", region: "mars-1" }), /region/);
    assert.throws(() => createLanguageModel({ provider: "gpt" as never }), /provider/);
  });

  test("an OpenAI-compatible endpoint that answers serves the reply", async () => {
    const server = await startMockServer((_req, res) => sse(res, [delta("From Ollama", "stop")]));
    closers.push(server.close);
    const model = createLanguageModel({ provider: "openai-compatible", baseUrl: server.url, modelId: "llama3.2" }, { registry, resilience: fast });
    assert.ok(model instanceof ResilientLanguageModel);
    const out = await model.complete(ask);
    assert.equal(out.text, "From Ollama");
    assert.equal(out.servedBy, "openai-compatible:llama3.2");
    assert.deepEqual(out.notices, []);
  });

  test("an unreachable endpoint falls back to the offline PM with a notice first", async () => {
    const server = await startMockServer((_req, res) => res.end());
    const url = server.url;
    await server.close();
    const model = createLanguageModel({ provider: "openai-compatible", baseUrl: url, modelId: "llama3.2" }, { registry, resilience: fast });
    const first = await model.stream(ask)[Symbol.asyncIterator]().next();
    assert.equal(first.value?.type, "notice");
    const out = await model.complete(ask);
    assert.match(out.notices[0]!, /llama3\.2 at http:\/\/127\.0\.0\.1:\d+ is unavailable/);
    assert.match(out.text, /Use case: Research assistant/);
    assert.equal(out.servedBy, "offline");
  });

  test("Bedrock with an injected client: throttled every time → retried, then the offline model answers", async () => {
    let calls = 0;
    const client = {
      async send() {
        calls++;
        throw Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException", $metadata: { httpStatusCode: 429 } });
      },
    };
    const model = createLanguageModel({ provider: "bedrock", modelId: "amazon.nova-micro-v1:0", region: "us-east-1" }, { registry, bedrockClient: client, resilience: fast });
    const out = await model.complete(ask);
    assert.equal(calls, 2);
    assert.match(out.notices[0]!, /AWS Bedrock \(amazon\.nova-micro-v1:0\) is unavailable .*ThrottlingException/);
    assert.equal(out.servedBy, "offline");
  });
});
