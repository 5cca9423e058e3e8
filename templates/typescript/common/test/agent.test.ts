import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { tool } from "@strands-agents/sdk";
import { OpenAIModel } from "@strands-agents/sdk/models/openai";
import { z } from "zod";
import { createAgent } from "../src/agent.js";
import { SYSTEM_PROMPT } from "../src/prompts.js";
import { runOnce, type RunEvent } from "../src/run-once.js";
import { startMockModel } from "./mock-model.js";

const echo = tool({
  name: "echo",
  description: "Returns the text it was given.",
  inputSchema: z.object({ text: z.string() }),
  callback: (input) => input.text,
});

test("the agent calls a tool, then answers, through an OpenAI-compatible endpoint", async () => {
  const mock = await startMockModel([{ toolCall: { name: "echo", arguments: { text: "ping" } } }, { text: "pong" }]);
  try {
    const model = new OpenAIModel({ api: "chat", modelId: "mock", apiKey: "test", clientConfig: { baseURL: mock.url } });
    const events: RunEvent[] = [];
    const final = await runOnce("say ping", createAgent({ model, tools: [echo] }), (e) => events.push(e));
    assert.deepEqual(
      events.filter((e) => e.type === "tool_call"),
      [{ type: "tool_call", name: "echo", input: { text: "ping" } }],
    );
    assert.deepEqual(events.find((e) => e.type === "tool_result"), { type: "tool_result", name: "echo", output: "ping" });
    assert.equal(final.output, "pong");
    assert.deepEqual(final.usage, { inputTokens: 24, outputTokens: 14 });
    assert.equal(events.at(-1), final);
    assert.equal(mock.requests.length, 2);
    assert.ok(JSON.stringify(mock.requests[0]).includes(JSON.stringify(SYSTEM_PROMPT).slice(1, 40)));
  } finally {
    await mock.close();
  }
});

test("run-once prints JSON lines and ends with the final answer", async () => {
  const mock = await startMockModel([{ text: "hello from the mock" }]);
  try {
    const script = fileURLToPath(new URL("../src/run-once.js", import.meta.url));
    // Hermetic: no tools (an MCP server would start a process and reach the network), no secret lookup.
    const env = { PATH: process.env.PATH ?? "", AGENT_TOOLS: "none", AGENT_MODEL_PROVIDER: "openai-compatible", AGENT_MODEL_BASE_URL: mock.url, AGENT_MODEL_ID: "mock" };
    const child = spawn(process.execPath, [script, "--input", "hi"], { env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (part: Buffer) => (out += part.toString("utf8")));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    const events = out.trim().split("\n").map((line) => JSON.parse(line) as RunEvent);
    assert.equal(code, 0, out);
    assert.deepEqual(events.at(-1), { type: "final", output: "hello from the mock", usage: { inputTokens: 12, outputTokens: 7 } });
    assert.ok(events.some((e) => e.type === "text"));
  } finally {
    await mock.close();
  }
});

test("run-once reports a missing --input as an error event", async () => {
  const script = fileURLToPath(new URL("../src/run-once.js", import.meta.url));
  const child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH ?? "", AGENT_TOOLS: "none" }, stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (part: Buffer) => (out += part.toString("utf8")));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  assert.equal(code, 2);
  assert.equal((JSON.parse(out.trim()) as RunEvent).type, "error");
});
