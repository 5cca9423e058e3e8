import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { RuleBasedLanguageModel, chunk } from "../../../server/llm/rule-based";
import type { StreamEvent } from "../../../server/llm/types";
import { extractSpec } from "../../../server/consultation/rules/extract-spec";
import { buildPmSystemPrompt } from "../../../server/consultation/rules/pm-reply";
import { realRegistry } from "../pipeline/registry";

const registry = realRegistry();
const model = new RuleBasedLanguageModel({ registry });

async function events(stream: AsyncIterable<StreamEvent>) {
  const out: StreamEvent[] = [];
  for await (const e of stream) out.push(e);
  return out;
}

describe("RuleBasedLanguageModel", () => {
  test("answers a description as the PM: confirms what it understood and asks about the first gap", async () => {
    const out = await model.complete({
      messages: [{ role: "user", content: "I need a research agent that searches the web and summarises what it finds, deployed on Lambda." }],
    });
    assert.match(out.text, /Use case: Research assistant/);
    assert.match(out.text, /Tools: Tavily/);
    assert.match(out.text, /Runs on: AWS Lambda/);
    assert.match(out.text, /TAVILY_API_KEY/);
    assert.match(out.text, /how many requests a day/);
    assert.equal(out.servedBy, "offline");
    assert.equal(out.stopReason, "end_turn");
    assert.ok(out.usage.inputTokens > 0 && out.usage.outputTokens > 0);
  });

  test("a greeting gets the first question", async () => {
    const out = await model.complete({ messages: [{ role: "user", content: "hello" }] });
    assert.match(out.text, /What should your agent do, and for whom\?/);
  });

  test("streams the reply in small word-aligned chunks that join back to the whole reply", async () => {
    const req = { messages: [{ role: "user" as const, content: "A meeting summariser for our team. No tools. 10 meetings a day, $20 a month." }] };
    const stream = await events(model.stream(req));
    const texts = stream.filter((e): e is Extract<StreamEvent, { type: "text" }> => e.type === "text").map((e) => e.delta);
    assert.ok(texts.length > 5, "several chunks");
    assert.equal(texts.join(""), model.reply(req));
    for (const t of texts.slice(0, -1)) assert.ok(t.length <= 40, `chunk too long: ${JSON.stringify(t)}`);
    assert.equal(stream.at(-1)!.type, "done");
    assert.match(texts.join(""), /The spec is complete/);
  });

  test("is deterministic", async () => {
    const req = { messages: [{ role: "user" as const, content: "Support bot for our shop using our FAQ documents, 300 chats a day." }] };
    assert.deepEqual(await events(model.stream(req)), await events(model.stream(req)));
  });

  test("answers from the extraction state in the system prompt when there is one", async () => {
    // The stored draft says the budget is the gap, whatever the latest message says.
    const result = extractSpec([{ role: "user", content: "A tutor for students that explains homework. No tools. 400 questions a day." }], {}, registry);
    assert.deepEqual(result.missing, ["requirements.monthlyBudgetUsd"]);
    const out = await model.complete({ system: buildPmSystemPrompt(result, registry), messages: [{ role: "user", content: "something unrelated" }] });
    assert.match(out.text, /Use case: Tutor/);
    assert.match(out.text, /What monthly budget should it stay within/);
  });

  test("stops when the caller aborts", async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const e of model.stream({ messages: [{ role: "user", content: "hello" }] }, controller.signal)) {
          if (e.type === "text") seen.push(e.delta);
          controller.abort();
        }
      })(),
      (e: unknown) => e instanceof Error && e.name === "AbortError",
    );
    assert.equal(seen.length, 1);
  });

  test("chunk() keeps every character and breaks after whitespace", () => {
    const text = "one two  three\nfour five-six seven";
    const parts = chunk(text, 8);
    assert.equal(parts.join(""), text);
    assert.deepEqual(parts, ["one two ", " three\n", "four ", "five-six ", "seven"]);
  });
});
