import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { guardrailHit } from "../../server/test-runs/mock-model/guardrail";
import { startMockModelServer, type MockModelServer } from "../../server/test-runs/mock-model/server";
import { runModelContext } from "../../server/test-runs/run/model-context";
import { GuardrailsSpec } from "../../server/spec/guardrails";

/** The mock model honours a run's guardrail: denied topics and blocked words end in content_filter with the blocked message. */

const G = GuardrailsSpec.parse({
  deniedTopics: [{ name: "Investment advice", definition: "Which stocks to buy or sell.", examples: ["Should I buy Tesla shares?"] }],
  words: ["bazooka"],
  blockedMessage: "I can't discuss that here.",
});

let server: MockModelServer;
before(async () => (server = await startMockModelServer({ port: 0 }, { guardrails: G })));
after(() => server.close());

async function ask(text: string, stream: boolean) {
  const res = await fetch(`${server.url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: "m", stream, messages: [{ role: "user", content: text }] }) });
  return res.text();
}

describe("mock model guardrail", () => {
  test("matching: topic name or example, whole blocked words, any case; nothing else", () => {
    assert.deepEqual(guardrailHit("I need some INVESTMENT   advice today", G), { kind: "topic", name: "Investment advice" });
    assert.deepEqual(guardrailHit("should i buy tesla shares? asking for a friend", G), { kind: "topic", name: "Investment advice" });
    assert.deepEqual(guardrailHit("Where is my Bazooka?", G), { kind: "word", name: "bazooka" });
    assert.equal(guardrailHit("bazookas are not whole-word matches", G), null);
    assert.equal(guardrailHit("Where is my order?", G), null);
  });

  test("a denied topic, streamed: the blocked message, then finish_reason content_filter", async () => {
    const body = await ask("Give me investment advice", true);
    const chunks = body.split("\n\n").filter((b) => b.startsWith("data: {")).map((b) => JSON.parse(b.slice(6)));
    const text = chunks.map((c) => c.choices[0]?.delta?.content ?? "").join("");
    assert.equal(text, "I can't discuss that here.");
    assert.ok(chunks.some((c) => c.choices[0]?.finish_reason === "content_filter"));
  });

  test("a blocked word, not streamed: the blocked message with finish_reason content_filter", async () => {
    const answer = JSON.parse(await ask("bazooka", false));
    assert.equal(answer.choices[0].message.content, "I can't discuss that here.");
    assert.equal(answer.choices[0].finish_reason, "content_filter");
  });

  test("anything else is answered as usual", async () => {
    const answer = JSON.parse(await ask("Where is my order?", false));
    assert.match(answer.choices[0].message.content, /mock model answering/);
    assert.equal(answer.choices[0].finish_reason, "stop");
  });

  test("a run reads the guardrail from the project's agent-spec.json; a bad or missing one means none", () => {
    const enc = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));
    assert.deepEqual(runModelContext(new Map([["agent-spec.json", enc({ guardrails: { deniedTopics: [{ name: "x", definition: "y" }] } })]])).guardrails?.deniedTopics[0]?.name, "x");
    assert.deepEqual(runModelContext(new Map([["agent-spec.json", enc({ guardrails: { pii: [{ type: "NOPE", action: "BLOCK" }] } })]])), {});
    assert.deepEqual(runModelContext(new Map([["agent-spec.json", new TextEncoder().encode("{not json")]])), {});
    assert.deepEqual(runModelContext(new Map()), {});
  });
});

describe("run events from guarded and approval-gated agents", () => {
  test("the collector keeps guardrail and approval events (capped), and notes the intervention in the logs excerpt", async () => {
    const { RunCollector } = await import("../../server/test-runs/run/collect");
    const seen: string[] = [];
    const c = new RunCollector(performance.now(), (e) => seen.push(e.type));
    c.stdout(JSON.stringify({ type: "approval_request", id: "apr_1", tool: "httpRequest", input: { url: "x".repeat(20_000) }, expiresAt: "2026-12-05T00:00:00Z" }));
    c.stdout(JSON.stringify({ type: "approval_decision", id: "apr_1", tool: "httpRequest", decision: "deny" }));
    c.stdout(JSON.stringify({ type: "approval_decision", id: "apr_2", tool: "httpRequest", decision: "maybe" }));
    c.stdout(JSON.stringify({ type: "guardrail", action: "intervened", message: "Blocked." }));
    assert.deepEqual(seen, ["approval_request", "approval_decision", "log", "guardrail"]);
    const request = c.events[0] as { input: unknown };
    assert.equal(typeof request.input, "string", "a huge input is capped to a string");
    const outcome = c.notStarted("error", "x", { kind: "mock", id: "m", label: "mock" });
    assert.match(outcome.logsExcerpt, /\[guardrail\] intervened/);
  });
});
