import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ConverseCommand, ConverseStreamCommand } from "@aws-sdk/client-bedrock-runtime";
import { BedrockLanguageModel, type BedrockClientLike } from "../../../server/llm/bedrock";
import { LanguageModelError } from "../../../server/llm/errors";
import type { StreamEvent } from "../../../server/llm/types";

/** A stand-in for BedrockRuntimeClient: records commands and answers from a script. */
function mockClient(answer: (command: ConverseStreamCommand | ConverseCommand) => unknown) {
  const sent: (ConverseStreamCommand | ConverseCommand)[] = [];
  const client: BedrockClientLike = {
    async send(command) {
      sent.push(command);
      const out = answer(command);
      if (out instanceof Error) throw out;
      return out;
    },
  };
  return { client, sent };
}

async function* events(items: unknown[]) {
  for (const item of items) {
    if (item instanceof Error) throw item;
    yield item;
  }
}

async function drain(stream: AsyncIterable<StreamEvent>) {
  const out: StreamEvent[] = [];
  for await (const e of stream) out.push(e);
  return out;
}

const awsError = (name: string, status: number, message = name) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

const MODEL = "global.anthropic.claude-haiku-4-5-20251001-v1:0";

describe("BedrockLanguageModel", () => {
  test("sends a ConverseStream request with system, alternating turns and inference settings", async () => {
    const { client, sent } = mockClient(() => ({ stream: events([{ messageStop: { stopReason: "end_turn" } }, { metadata: { usage: { inputTokens: 1, outputTokens: 1 } } }]) }));
    const model = new BedrockLanguageModel({ modelId: MODEL, client });
    await drain(
      model.stream({
        system: "You are the PM.",
        messages: [
          { role: "assistant", content: "Hi, what should your agent do?" },
          { role: "user", content: "Answer support questions." },
          { role: "user", content: "In German." },
        ],
        maxTokens: 512,
        temperature: 0.2,
      }),
    );
    assert.equal(sent.length, 1);
    assert.ok(sent[0] instanceof ConverseStreamCommand);
    assert.deepEqual(sent[0]!.input, {
      modelId: MODEL,
      // The leading assistant greeting is dropped and the two user turns merged: Converse needs user-first alternation.
      messages: [{ role: "user", content: [{ text: "Answer support questions.\n\nIn German." }] }],
      system: [{ text: "You are the PM." }],
      inferenceConfig: { maxTokens: 512, temperature: 0.2 },
    });
    assert.equal(model.id, `bedrock:${MODEL}`);
  });

  test("maps stream events to text deltas and one done event with usage and stop reason", async () => {
    const { client } = mockClient(() => ({
      stream: events([
        { messageStart: { role: "assistant" } },
        { contentBlockDelta: { delta: { text: "Hello" }, contentBlockIndex: 0 } },
        { contentBlockDelta: { delta: { text: ", world" }, contentBlockIndex: 0 } },
        { contentBlockStop: { contentBlockIndex: 0 } },
        { messageStop: { stopReason: "max_tokens" } },
        { metadata: { usage: { inputTokens: 12, outputTokens: 5, totalTokens: 17 }, metrics: { latencyMs: 80 } } },
      ]),
    }));
    const out = await drain(new BedrockLanguageModel({ modelId: MODEL, client }).stream({ messages: [{ role: "user", content: "hi" }] }));
    assert.deepEqual(out, [
      { type: "text", delta: "Hello" },
      { type: "text", delta: ", world" },
      { type: "done", usage: { inputTokens: 12, outputTokens: 5 }, stopReason: "max_tokens", servedBy: `bedrock:${MODEL}` },
    ]);
  });

  test("a throttling error from send is a transient LanguageModelError", async () => {
    const { client } = mockClient(() => awsError("ThrottlingException", 429, "Too many requests"));
    const model = new BedrockLanguageModel({ modelId: MODEL, client });
    await assert.rejects(drain(model.stream({ messages: [{ role: "user", content: "hi" }] })), (e: unknown) => {
      assert.ok(e instanceof LanguageModelError);
      assert.equal(e.transient, true);
      assert.equal(e.status, 429);
      assert.match(e.message, /ThrottlingException: Too many requests/);
      return true;
    });
  });

  test("an access or validation error is not transient", async () => {
    const { client } = mockClient(() => awsError("AccessDeniedException", 403, "no access to the model"));
    await assert.rejects(
      drain(new BedrockLanguageModel({ modelId: MODEL, client }).stream({ messages: [{ role: "user", content: "hi" }] })),
      (e: unknown) => e instanceof LanguageModelError && e.transient === false && e.code === "unavailable",
    );
  });

  test("a throttling exception inside the stream keeps the partial text on the error", async () => {
    const { client } = mockClient(() => ({
      stream: events([{ contentBlockDelta: { delta: { text: "Partial " } } }, { throttlingException: { message: "slow down" } }]),
    }));
    const seen: StreamEvent[] = [];
    await assert.rejects(
      (async () => {
        for await (const e of new BedrockLanguageModel({ modelId: MODEL, client }).stream({ messages: [{ role: "user", content: "hi" }] })) seen.push(e);
      })(),
      (e: unknown) => e instanceof LanguageModelError && e.partialText === "Partial " && e.transient && /slow down/.test(e.message),
    );
    assert.deepEqual(seen, [{ type: "text", delta: "Partial " }]);
  });

  test("a connection failure is transient", async () => {
    const { client } = mockClient(() => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:443"), { code: "ECONNREFUSED" }));
    await assert.rejects(
      drain(new BedrockLanguageModel({ modelId: MODEL, client }).stream({ messages: [{ role: "user", content: "hi" }] })),
      (e: unknown) => e instanceof LanguageModelError && e.transient,
    );
  });

  test("complete() uses ConverseCommand and joins the text blocks", async () => {
    const { client, sent } = mockClient(() => ({
      output: { message: { role: "assistant", content: [{ text: "Two " }, { text: "blocks" }] } },
      stopReason: "end_turn",
      usage: { inputTokens: 7, outputTokens: 2, totalTokens: 9 },
    }));
    const out = await new BedrockLanguageModel({ modelId: MODEL, client }).complete({ messages: [{ role: "user", content: "hi" }] });
    assert.ok(sent[0] instanceof ConverseCommand);
    assert.deepEqual(out, { text: "Two blocks", usage: { inputTokens: 7, outputTokens: 2 }, stopReason: "end_turn", servedBy: `bedrock:${MODEL}`, notices: [] });
  });

  test("a conversation with no user message is rejected before any call", async () => {
    const { client, sent } = mockClient(() => ({}));
    await assert.rejects(drain(new BedrockLanguageModel({ modelId: MODEL, client }).stream({ messages: [{ role: "assistant", content: "Hi" }] })), /no user message/);
    assert.equal(sent.length, 0);
  });
});
