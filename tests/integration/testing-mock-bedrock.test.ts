import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand, type ConverseStreamOutput } from "@aws-sdk/client-bedrock-runtime";
import { crc32 } from "../../server/test-runs/mock-model/event-stream";
import { startMockBedrockEndpoint, type MockBedrockEndpoint } from "../../server/test-runs/mock-model/bedrock-endpoint";

/**
 * The mock model answers on Bedrock Runtime's own API, so the AWS SDK's unchanged Bedrock
 * client (the one a generated agent uses) works against it when only its endpoint is swapped:
 * Converse JSON, the ConverseStream event stream (decoded by the SDK itself, so framing and
 * CRCs must be right), tool use, and a malformed request rejected as Bedrock would.
 */

let mock: MockBedrockEndpoint;
let client: BedrockRuntimeClient;
const MODEL = "us.anthropic.claude-sonnet-4-20250514-v1:0";
const TOOLS = { tools: [{ toolSpec: { name: "get_weather", description: "weather", inputSchema: { json: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } } }] };

before(async () => {
  mock = await startMockBedrockEndpoint({ requests: 0 });
  client = new BedrockRuntimeClient({ region: "us-east-1", endpoint: mock.endpoint, credentials: { accessKeyId: "REHEARSALLOCALONLY", secretAccessKey: "rehearsal-local-only" } });
});
after(async () => {
  client.destroy();
  await mock.close();
});

async function collect(stream: AsyncIterable<ConverseStreamOutput> | undefined) {
  const events: ConverseStreamOutput[] = [];
  for await (const e of stream ?? []) events.push(e);
  return events;
}

describe("the mock model on Bedrock's Converse API", () => {
  test("crc32 is IEEE CRC-32", () => {
    assert.equal(crc32(new TextEncoder().encode("123456789")), 0xcbf43926);
  });

  test("ConverseStream: the SDK decodes a text answer in several deltas, the stop reason and per-request usage", async () => {
    const out = await client.send(new ConverseStreamCommand({ modelId: MODEL, system: [{ text: "Be brief." }], messages: [{ role: "user", content: [{ text: "hello from a Bedrock client" }] }] }));
    const events = await collect(out.stream);
    assert.deepEqual(events[0]?.messageStart, { role: "assistant" });
    const text = events.flatMap((e) => (e.contentBlockDelta?.delta?.text ? [e.contentBlockDelta.delta.text] : []));
    assert.ok(text.length > 1, "streamed in more than one delta");
    assert.match(text.join(""), /mock model answering "hello from a Bedrock client"/);
    assert.equal(events.find((e) => e.messageStop)?.messageStop?.stopReason, "end_turn");
    const usage = events.find((e) => e.metadata)?.metadata?.usage;
    assert.ok(usage && usage.inputTokens! > 0 && usage.totalTokens === usage.inputTokens! + usage.outputTokens!);
  });

  test("ConverseStream with a tool: a toolUse block with JSON input, then the answer from the tool's result", async () => {
    const ask = { role: "user" as const, content: [{ text: "use get_weather for Paris" }] };
    const events = await collect((await client.send(new ConverseStreamCommand({ modelId: MODEL, messages: [ask], toolConfig: TOOLS }))).stream);
    const start = events.find((e) => e.contentBlockStart?.start?.toolUse)?.contentBlockStart;
    assert.equal(start?.start?.toolUse?.name, "get_weather");
    const input = events.flatMap((e) => (e.contentBlockDelta?.delta?.toolUse?.input ? [e.contentBlockDelta.delta.toolUse.input] : [])).join("");
    assert.equal(typeof JSON.parse(input).city, "string");
    assert.equal(events.find((e) => e.messageStop)?.messageStop?.stopReason, "tool_use");
    const id = start!.start!.toolUse!.toolUseId!;
    const answer = await client.send(
      new ConverseCommand({
        modelId: MODEL,
        toolConfig: TOOLS,
        messages: [ask, { role: "assistant", content: [{ toolUse: { toolUseId: id, name: "get_weather", input: JSON.parse(input) } }] }, { role: "user", content: [{ toolResult: { toolUseId: id, content: [{ text: "sunny, 21 C" }] } }] }],
      }),
    );
    assert.equal(answer.stopReason, "end_turn");
    assert.match(answer.output?.message?.content?.[0]?.text ?? "", /I used get_weather and it returned: sunny, 21 C/);
    assert.ok((answer.usage?.inputTokens ?? 0) > 0);
  });

  test("a malformed Converse request is a 400 ValidationException, as from Bedrock", async () => {
    await assert.rejects(client.send(new ConverseCommand({ modelId: MODEL, messages: [] })), (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.equal(e.name, "ValidationException");
      assert.equal(e.$metadata?.httpStatusCode, 400);
      return true;
    });
  });
});
