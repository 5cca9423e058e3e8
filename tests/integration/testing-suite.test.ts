import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TRPCError } from "@trpc/server";
import type { LocalPlatform } from "../../server/platform/local";
import type { LocalTestRunner } from "../../server/test-runs/local-runner";
import { sandboxAvailable } from "../../server/test-runs/sandbox/host";
import { createUser, startTestPlatform } from "../helpers/platform";
import { scriptedAgent, storeScript, useTestRunner, waitForRun } from "../sandbox/helpers";

/**
 * Test cases and suites: expectations are validated when saved, every case runs against a
 * version and is judged, and the pass rate over versions shows a change that made it worse.
 */

let platform: LocalPlatform;
let runner: LocalTestRunner;
const code = (e: unknown) => (e as TRPCError).code;
/** The fields a BAD_REQUEST names (createCaller keeps zod's issues on the cause). */
const fields = (e: unknown) => ((e as TRPCError).cause as { issues?: Array<{ path: PropertyKey[] }> } | undefined)?.issues?.map((i) => i.path.join(".")) ?? [];
const skip = !sandboxAvailable() && "needs bubblewrap and root";

before(async () => {
  platform = await startTestPlatform();
  runner = useTestRunner(platform);
});
after(async () => {
  await runner?.idle();
  await platform.close();
});

// v1 computes and calls its calculator; v2 "regressed": no tool, no number, no JSON.
const GOOD = scriptedAgent('input.includes("json") ? JSON.stringify({ answer: 42 }) : "The answer is 42"', "calculator");
const WORSE = scriptedAgent('"I do not know"');

// Validation and ownership need no sandbox: they run on every host.
test("a case needs valid expectations; the error names the field", async () => {
  const { caller } = await createUser(platform, "cases");
  const project = await caller.project.create({ name: "Cases" });
  const base = { projectId: project.id, name: "n", input: "q" };
  await assert.rejects(caller.testing.cases.create({ ...base, expectations: {} }), (e) => code(e) === "BAD_REQUEST" && /at least one expectation/.test((e as Error).message));
  await assert.rejects(caller.testing.cases.create({ ...base, expectations: { regex: "(" } }), (e) => code(e) === "BAD_REQUEST" && fields(e).includes("expectations.regex"));
  await assert.rejects(caller.testing.cases.create({ ...base, expectations: { jsonSchema: { type: "bogus" } } }), (e) => code(e) === "BAD_REQUEST" && fields(e).includes("expectations.jsonSchema"));
  await assert.rejects(caller.testing.cases.create({ ...base, expectations: { maxLatencyMs: -1 } }), (e) => code(e) === "BAD_REQUEST" && fields(e).includes("expectations.maxLatencyMs"));
  await assert.rejects(caller.testing.cases.create({ ...base, expectations: { unknown: 1 } as never }), (e) => code(e) === "BAD_REQUEST");
  const created = await caller.testing.cases.create({ ...base, expectations: { contains: ["x"] } });
  assert.deepEqual((await caller.testing.cases.list({ projectId: project.id })).map((c) => c.id), [created.id]);
  const other = await createUser(platform, "other");
  await assert.rejects(other.caller.testing.cases.list({ projectId: project.id }), (e) => code(e) === "NOT_FOUND");
  await assert.rejects(other.caller.testing.cases.delete({ projectId: project.id, caseId: created.id }), (e) => code(e) === "NOT_FOUND");
  await caller.testing.cases.delete({ projectId: project.id, caseId: created.id });
  assert.deepEqual(await caller.testing.cases.list({ projectId: project.id }), []);
});

describe("test cases and suite runs", { skip, timeout: 300_000 }, () => {
  test("a suite judges every case against a version; the pass rate over versions shows the regression", async () => {
    const { caller } = await createUser(platform, "suite");
    const project = await caller.project.create({ name: "Suite" });
    const v1 = await storeScript(platform, project.id, GOOD);
    await assert.rejects(caller.testing.suite.run({ projectId: project.id, versionId: v1.id }), (e) => code(e) === "BAD_REQUEST" && /Add a test case/.test((e as Error).message));
    const add = (name: string, input: string, expectations: Record<string, unknown>) => caller.testing.cases.create({ projectId: project.id, name, input, expectations });
    await add("mentions the answer", "what is six times seven?", { contains: ["answer", "42"], regex: "answer is \\d+" });
    await add("uses the calculator", "compute it", { toolCalled: "calculator", maxLatencyMs: 60_000 });
    await add("answers in JSON", "reply in json", { jsonSchema: { type: "object", properties: { answer: { type: "number" } }, required: ["answer"] } });

    const first = await caller.testing.suite.run({ projectId: project.id, versionId: v1.id });
    assert.equal(first.total, 3);
    const done1 = await waitForRun(async () => {
      const s = await caller.testing.suite.get({ projectId: project.id, suiteRunId: first.suiteRunId });
      return { ...s, status: s.status === "done" ? "done" : "running" };
    });
    assert.deepEqual([done1.passed, done1.failed], [3, 0]);
    assert.ok(done1.cases.every((c) => c.passed === true && c.status === "succeeded"));

    const v2 = await storeScript(platform, project.id, WORSE);
    const second = await caller.testing.suite.run({ projectId: project.id, versionId: v2.id });
    const done2 = await waitForRun(async () => {
      const s = await caller.testing.suite.get({ projectId: project.id, suiteRunId: second.suiteRunId });
      return { ...s, status: s.status === "done" ? "done" : "running" };
    });
    assert.deepEqual([done2.passed, done2.failed], [0, 3]);
    type Check = { kind: string; passed: boolean; detail: string };
    const byName: Record<string, Check[]> = Object.fromEntries(done2.cases.map((c) => [c.caseName ?? "", c.checks as Check[]]));
    assert.deepEqual(byName["mentions the answer"]!.filter((c) => !c.passed).map((c) => c.kind), ["contains", "contains", "regex"]);
    assert.match(byName["uses the calculator"]!.find((c) => c.kind === "toolCalled")!.detail, /no tool was called/);
    assert.equal(byName["uses the calculator"]!.find((c) => c.kind === "maxLatencyMs")!.passed, true);
    assert.match(byName["answers in JSON"]!.find((c) => c.kind === "jsonSchema")!.detail, /no JSON/);

    const history = await caller.testing.suite.history({ projectId: project.id });
    assert.deepEqual(history.map((h) => [h.version, h.passRate, h.total]), [[1, 1, 3], [2, 0, 3]]);
    // Suite runs are ordinary runs too: they appear in the history with their metrics.
    const runs = await caller.testing.list({ projectId: project.id });
    assert.equal(runs.length, 6);
    assert.ok(runs.every((r) => r.suiteRunId !== null && r.tokensIn === 100));
    const other = await createUser(platform, "peeker");
    await assert.rejects(other.caller.testing.suite.history({ projectId: project.id }), (e) => code(e) === "NOT_FOUND");
    await assert.rejects(other.caller.testing.suite.get({ projectId: project.id, suiteRunId: first.suiteRunId }), (e) => code(e) === "NOT_FOUND");
  });

  test("a failing agent is stored as failed with its error, and its logs are kept", async () => {
    const { caller } = await createUser(platform, "fails");
    const project = await caller.project.create({ name: "Fails" });
    const v = await storeScript(platform, project.id, `console.log("not json"); console.error("boom on stderr"); console.log(JSON.stringify({ type: "error", message: "ValidationException: model refused" })); process.exit(1);`);
    const { runId } = await caller.testing.run({ projectId: project.id, versionId: v.id, input: "hi" });
    const run = await waitForRun(() => caller.testing.get({ projectId: project.id, runId }));
    assert.equal(run.status, "failed");
    assert.equal(run.error, "ValidationException: model refused");
    assert.match(run.logsExcerpt, /\[stdout\] not json/);
    assert.match(run.logsExcerpt, /\[stderr\] boom on stderr/);
    assert.equal(run.tokensIn, null);
    assert.equal(run.costUsd, null);
  });

  test("streaming: 300 quick deltas around a tool call arrive merged, complete and in order", async () => {
    const { caller } = await createUser(platform, "stream");
    const project = await caller.project.create({ name: "Stream" });
    const source = `
      const out = (e) => console.log(JSON.stringify(e));
      for (let i = 0; i < 150; i++) out({ type: "text", delta: "a" + i + " " });
      out({ type: "tool_call", name: "calc", input: { x: 1 } });
      out({ type: "tool_result", name: "calc", output: 2 });
      for (let i = 0; i < 150; i++) out({ type: "text", delta: "b" + i + " " });
      out({ type: "log", level: "info", message: "done" });
      out({ type: "final", output: "fin", usage: { inputTokens: 1, outputTokens: 300 } });`;
    const v = await storeScript(platform, project.id, source);
    const live: Array<{ seq: number; event: { type: string; delta?: string } }> = [];
    const stop = platform.events.subscribe((e) => {
      if (e.projectId === project.id && e.type === "testrun.event") live.push({ seq: e.seq, ...(e.payload as { event: { type: string } }) });
    });
    const { runId } = await caller.testing.run({ projectId: project.id, versionId: v.id, input: "go" });
    await waitForRun(() => caller.testing.get({ projectId: project.id, runId }));
    stop();
    const expected = [...Array.from({ length: 150 }, (_, i) => `a${i} `), ...Array.from({ length: 150 }, (_, i) => `b${i} `)].join("");
    assert.equal(live.filter((e) => e.event.type === "text").map((e) => e.event.delta).join(""), expected);
    const order = live.map((e) => e.event.type).filter((t, i, all) => t !== all[i - 1] && t !== "status");
    assert.deepEqual(order, ["text", "tool_call", "tool_result", "text", "log", "final"]);
    assert.ok(live.length < 60, `merged into ${live.length} events instead of 300+`);
    assert.deepEqual(live.map((e) => e.seq), [...live.map((e) => e.seq)].sort((a, b) => a - b));
  });
});
