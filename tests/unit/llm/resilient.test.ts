import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { collectStream } from "../../../server/llm/collect";
import { LanguageModelError } from "../../../server/llm/errors";
import { ResilientLanguageModel } from "../../../server/llm/resilient";
import type { LanguageModel, LanguageModelRequest, StreamEvent } from "../../../server/llm/types";

type Step = "ok" | "transient" | "fatal" | "midstream" | "hang";

/** A provider that plays one step per call and counts its calls. */
class ScriptedModel implements LanguageModel {
  readonly id = "scripted";
  readonly label = "Scripted provider";
  calls = 0;
  constructor(private readonly steps: Step[]) {}

  async *stream(_req: LanguageModelRequest, signal?: AbortSignal): AsyncIterable<StreamEvent> {
    const step = this.steps[Math.min(this.calls, this.steps.length - 1)]!;
    this.calls++;
    if (step === "transient") throw new LanguageModelError("503 from provider", { provider: this.id, transient: true, status: 503 });
    if (step === "fatal") throw new LanguageModelError("model not found", { provider: this.id, transient: false, status: 404 });
    if (step === "hang") {
      await new Promise((_resolve, reject) => signal?.addEventListener("abort", () => reject(Object.assign(new Error("aborted"), { name: "AbortError" }))));
    }
    yield { type: "text", delta: "primary " };
    if (step === "midstream") throw new LanguageModelError("connection reset", { provider: this.id, transient: true });
    yield { type: "text", delta: "answer" };
    yield { type: "done", usage: { inputTokens: 1, outputTokens: 2 }, stopReason: "end_turn", servedBy: this.id };
  }

  complete(req: LanguageModelRequest) {
    return collectStream(this.stream(req), this.id);
  }
}

const fallback: LanguageModel = {
  id: "offline",
  label: "the offline model",
  async *stream() {
    yield { type: "text", delta: "offline answer" };
    yield { type: "done", usage: { inputTokens: 0, outputTokens: 1 }, stopReason: "end_turn", servedBy: "offline" };
  },
  complete(req) {
    return collectStream(this.stream(req), "offline");
  },
};

const fast = { initialDelayMs: 1, maxDelayMs: 2, halfOpenAfterMs: 60_000 };
const hi = { messages: [{ role: "user" as const, content: "hi" }] };

describe("ResilientLanguageModel", () => {
  test("retries transient failures with backoff and then streams the provider's reply", async () => {
    const primary = new ScriptedModel(["transient", "transient", "ok"]);
    const out = await new ResilientLanguageModel(primary, fallback, { ...fast, maxAttempts: 3 }).complete(hi);
    assert.equal(primary.calls, 3);
    assert.equal(out.text, "primary answer");
    assert.equal(out.servedBy, "scripted");
    assert.deepEqual(out.notices, []);
  });

  test("falls back visibly when the provider stays unreachable: the first event is a notice", async () => {
    const primary = new ScriptedModel(["transient"]);
    const model = new ResilientLanguageModel(primary, fallback, { ...fast, maxAttempts: 2 });
    const events: StreamEvent[] = [];
    for await (const e of model.stream(hi)) events.push(e);
    assert.equal(primary.calls, 2);
    assert.equal(events[0]!.type, "notice");
    assert.match((events[0] as { message: string }).message, /Scripted provider is unavailable \(503 from provider\); this reply comes from the offline model/);
    assert.deepEqual(events.slice(1, 2), [{ type: "text", delta: "offline answer" }]);
    assert.equal((events.at(-1) as { servedBy: string }).servedBy, "offline");
  });

  test("a non-transient failure is not retried but still falls back with the reason", async () => {
    const primary = new ScriptedModel(["fatal"]);
    const out = await new ResilientLanguageModel(primary, fallback, fast).complete(hi);
    assert.equal(primary.calls, 1);
    assert.equal(out.text, "offline answer");
    assert.match(out.notices[0]!, /model not found/);
  });

  test("the circuit opens after repeated failures and later requests skip the provider", async () => {
    const primary = new ScriptedModel(["transient"]);
    const model = new ResilientLanguageModel(primary, fallback, { ...fast, maxAttempts: 1, breakAfter: 2 });
    await model.complete(hi);
    await model.complete(hi);
    assert.equal(primary.calls, 2);
    const third = await model.complete(hi);
    assert.equal(primary.calls, 2, "the open breaker must not call the provider");
    assert.match(third.notices[0]!, /paused after repeated failures/);
    assert.equal(third.text, "offline answer");
  });

  test("a failure after text has streamed is not hidden by a fallback: it throws with the partial text", async () => {
    const primary = new ScriptedModel(["midstream"]);
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const e of new ResilientLanguageModel(primary, fallback, fast).stream(hi)) if (e.type === "text") seen.push(e.delta);
      })(),
      (e: unknown) => e instanceof LanguageModelError && e.partialText === "primary " && /connection reset/.test(e.message),
    );
    assert.deepEqual(seen, ["primary "]);
    assert.equal(primary.calls, 1);
  });

  test("a provider silent past the first-event timeout counts as unreachable", async () => {
    const primary = new ScriptedModel(["hang"]);
    const out = await new ResilientLanguageModel(primary, fallback, { ...fast, maxAttempts: 1, firstEventTimeoutMs: 20 }).complete(hi);
    assert.match(out.notices[0]!, /did not answer within 20 ms/);
    assert.equal(out.text, "offline answer");
  });

  test("a request cancelled by the caller is not answered by the fallback", async () => {
    const primary = new ScriptedModel(["hang"]);
    const controller = new AbortController();
    const stream = new ResilientLanguageModel(primary, fallback, fast).stream(hi, controller.signal);
    setTimeout(() => controller.abort(), 10);
    await assert.rejects(collectStream(stream, "x"), (e: unknown) => e instanceof Error && /abort/i.test(e.name + e.message));
  });

  test("an invalid request is rejected before the provider is called", async () => {
    const primary = new ScriptedModel(["ok"]);
    await assert.rejects(new ResilientLanguageModel(primary, fallback, fast).complete({ messages: [] }), /at least one message/);
    assert.equal(primary.calls, 0);
  });
});
