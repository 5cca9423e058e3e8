import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluate, Expectations } from "../../../server/test-runs/evaluation";
import { countTurns, isSubsequence } from "../../../server/test-runs/trajectory";
import type { RunEvent } from "../../../server/test-runs/types";

const ev = (...types: Array<"call" | "result" | "text">): RunEvent[] =>
  types.map((t, i) => (t === "call" ? { type: "tool_call", name: `t${i}`, input: {}, t: i } : t === "result" ? { type: "tool_result", name: `t${i}`, output: "", t: i } : { type: "text", delta: "x", t: i }));
const calls = (...names: string[]) => names.map((name) => ({ name, input: {} }));
const run = (names: string[], events?: RunEvent[]) => ({ status: "succeeded" as const, output: "ok", toolCalls: calls(...names), latencyTotalMs: 10, events });

test("tools in order is a subsequence: other calls may come between, order matters", () => {
  assert.equal(isSubsequence(["search", "book"], ["search", "weather", "book"]), true);
  assert.equal(isSubsequence(["search", "book"], ["book", "search"]), false);
  assert.equal(isSubsequence(["search", "search"], ["search"]), false);
  assert.equal(isSubsequence([], ["a"]), true);
  const good = evaluate({ toolsInOrder: ["search", "book"] }, run(["search", "weather", "book"]));
  assert.equal(good.passed, true);
  const bad = evaluate({ toolsInOrder: ["search", "book"] }, run(["book", "search"]));
  assert.equal(bad.passed, false);
  assert.match(bad.checks.find((c) => c.kind === "toolsInOrder")!.detail, /called: book → search/);
});

test("a forbidden tool fails the case and is named", () => {
  const v = evaluate({ forbiddenTools: ["shell", "file_write"] }, run(["search", "shell", "shell"]));
  assert.equal(v.passed, false);
  assert.equal(v.checks.find((c) => c.kind === "forbiddenTools")!.detail, "forbidden tool called: shell");
  assert.equal(evaluate({ forbiddenTools: ["shell"] }, run(["search"])).passed, true);
});

test("turns: parallel calls are one round, a call after a result starts the next, the answer is one more", () => {
  assert.equal(countTurns({ toolCalls: [], events: ev("text") }), 1);
  assert.equal(countTurns({ toolCalls: calls("a", "b"), events: ev("call", "call", "result", "result", "text") }), 2);
  assert.equal(countTurns({ toolCalls: calls("a", "b", "c"), events: ev("text", "call", "result", "call", "result", "call", "result", "text") }), 4);
  // Without events (an older run), every recorded call is its own round.
  assert.equal(countTurns({ toolCalls: calls("a", "b") }), 3);
  const v = evaluate({ maxTurns: 2 }, run(["a", "b"], ev("call", "result", "call", "result", "text")));
  assert.deepEqual(v.checks.find((c) => c.kind === "maxTurns"), { kind: "maxTurns", passed: false, detail: "3 model turns ≤ 2" });
});

test("trajectory and judge fields are validated and name the field", () => {
  // The first issue names the field (an empty list also trips "needs at least one expectation" after it).
  const field = (e: unknown) => Expectations.safeParse(e).error?.issues.slice(0, 1).map((i) => i.path.join("."));
  assert.deepEqual(field({ toolsInOrder: [] }), ["toolsInOrder"]);
  assert.deepEqual(field({ forbiddenTools: [""] }), ["forbiddenTools.0"]);
  assert.deepEqual(field({ maxTurns: 0 }), ["maxTurns"]);
  assert.deepEqual(field({ judges: ["vibes"] }), ["judges.0"]);
  assert.deepEqual(field({ judges: ["correctness"] }), ["reference"]);
  assert.deepEqual(field({ minJudgeScore: 6, judges: ["helpfulness"] }), ["minJudgeScore"]);
  // A reference or a pass mark alone checks nothing.
  assert.match(Expectations.safeParse({ reference: "42" }).error!.message, /at least one expectation/);
  assert.equal(Expectations.safeParse({ judges: ["correctness"], reference: "42", maxTurns: 3 }).success, true);
});
