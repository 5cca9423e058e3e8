import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TRPCError } from "@trpc/server";
import { listEventsAfter } from "../../server/dynamo/event-repo";
import type { LocalPlatform } from "../../server/platform/local";
import type { ProjectEvent } from "../../server/platform/types";
import { MAX_INPUT_CHARS } from "../../server/test-runs/limits";
import type { LocalTestRunner } from "../../server/test-runs/local-runner";
import { sandboxAvailable } from "../../server/test-runs/sandbox/host";
import type { RunEvent } from "../../server/test-runs/types";
import { createUser } from "../helpers/platform";
import { mockPlan } from "../../server/test-runs/model/choose";
import { filesFromVersion } from "../../server/test-runs/prepare/project-files";
import { runProject } from "../../server/test-runs/run/run-project";
import { generate, storeGenerated, TEST_CACHE, TS_SPEC, startRunnerPlatform, waitForRun } from "../sandbox/helpers";

/**
 * A generated TypeScript agent (notebook tool) run end to end through the API on the mock
 * model: streaming order and completeness, the stored result and its metrics, history,
 * re-run, compare, and the refusals (oversized input, other users' versions).
 */

let platform: LocalPlatform;
let runner: LocalTestRunner;
const live: ProjectEvent[] = [];
const code = (e: unknown) => (e as TRPCError).code;
const skip = !sandboxAvailable() && "needs bubblewrap and root";

let stop: (() => Promise<void>) | undefined;
before(async () => ({ platform, runner, stop } = await startRunnerPlatform(live)));
after(() => stop?.());

async function setup(tag: string) {
  const { user, caller } = await createUser(platform, tag);
  const project = await caller.project.create({ name: `Testing ${tag}` });
  const version = await storeGenerated(platform, project.id, TS_SPEC);
  return { user, caller, project, version };
}

describe("test runs of a generated TypeScript agent", { skip, timeout: 600_000 }, () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  let firstRunId = "";

  test("runs with a tool call; output streams live, in order and complete; the result has its metrics", async () => {
    ctx = await setup("e2e");
    const { caller, project, version } = ctx;
    const model = await caller.testing.model({ projectId: project.id, versionId: version.id });
    assert.deepEqual(model.model, { kind: "mock", id: "amazon.nova-pro-v1:0", label: "mock" });

    const started = Date.now();
    const { runId } = await caller.testing.run({ projectId: project.id, versionId: version.id, input: "List my notebooks" });
    assert.ok(Date.now() - started < 5_000, "run returns its id at once");
    assert.match(runId, /^run_/);
    firstRunId = runId;
    const run = await waitForRun(() => caller.testing.get({ projectId: project.id, runId }));

    assert.equal(run.status, "succeeded", `${run.error}\n${run.logsExcerpt}`);
    assert.equal(run.modelUsed, "mock");
    assert.deepEqual(run.toolCalls.map((c) => [c.name, c.input]), [["notebook", { mode: "list" }]]);
    assert.match(String(run.toolCalls[0]!.output), /Available notebooks/);
    assert.match(run.output, /^I used notebook and it returned: Available notebooks/);
    assert.ok(run.tokensIn! > 100 && run.tokensOut! > 5, `tokens ${run.tokensIn}/${run.tokensOut}`);
    assert.ok(run.latencyFirstTokenMs! > 0 && run.latencyFirstTokenMs! <= run.latencyTotalMs!);
    // amazon.nova-pro-v1:0 at its registry prices ($0.8 in / $3.2 out per 1M tokens).
    assert.ok(Math.abs(run.costUsd! - (run.tokensIn! * 0.8 + run.tokensOut! * 3.2) / 1e6) < 1e-6, `cost ${run.costUsd}`);

    // Live: started, then the run's events in seq order, then finished. The result row is
    // stored before the finished event is published, so wait for the event itself.
    const ofRun = () => live.filter((e) => (e.payload as { runId?: string }).runId === runId);
    for (let i = 0; i < 200 && !ofRun().some((e) => e.type === "testrun.finished"); i++) await new Promise((r) => setTimeout(r, 25));
    const mine = ofRun();
    assert.equal(mine[0]!.type, "testrun.started");
    assert.equal(mine.at(-1)!.type, "testrun.finished");
    assert.deepEqual(mine.map((e) => e.seq), [...mine.map((e) => e.seq)].sort((a, b) => a - b));
    const streamed = mine.filter((e) => e.type === "testrun.event").map((e) => (e.payload as { event: RunEvent }).event);
    const kinds = streamed.map((e) => (e.type === "status" ? `status:${e.phase}` : e.type)).filter((k, i, all) => k !== all[i - 1]);
    assert.deepEqual(kinds.slice(0, 1), ["status:preparing"]);
    assert.deepEqual(kinds.slice(kinds.indexOf("status:running")), ["status:running", "tool_call", "tool_result", "text", "final"]);
    // Complete: the streamed text is the stored output, nothing lost or doubled by batching.
    assert.equal(streamed.filter((e) => e.type === "text").map((e) => (e as { delta: string }).delta).join(""), run.output);
    assert.equal((streamed.at(-1) as { output: string }).output, run.output);
    // Merging kept writes low: fewer streamed events than the agent printed.
    assert.ok(streamed.length <= run.events.length, `${streamed.length} streamed of ${run.events.length}`);
    // The same events are in the project's log, for a browser that reconnects.
    const replay = (await listEventsAfter(platform.dynamo, project.id, 0)).filter((e) => (e.payload as { runId?: string }).runId === runId);
    assert.deepEqual(replay.map((e) => e.seq), mine.map((e) => e.seq));
    const finished = mine.at(-1)!.payload as { status: string; tokensIn: number };
    assert.deepEqual([finished.status, finished.tokensIn], ["succeeded", run.tokensIn]);
  });

  test("history: the run is listed with its metrics; a re-run uses the cache and compares equal", async () => {
    const { caller, project } = ctx;
    const { runId } = await caller.testing.rerun({ projectId: project.id, runId: firstRunId });
    const again = await waitForRun(() => caller.testing.get({ projectId: project.id, runId }));
    assert.equal(again.status, "succeeded");
    // A second run of the same dependencies installs nothing and compiles nothing.
    const phases = again.events.filter((e) => e.type === "status").map((e) => (e as { message: string }).message);
    assert.ok(phases.includes("Dependencies are in the cache") && phases.includes("Build is in the cache"), phases.join(" | "));
    const history = await caller.testing.list({ projectId: project.id });
    assert.deepEqual(history.map((r) => r.id), [runId, firstRunId]);
    assert.ok(history.every((r) => r.status === "succeeded" && r.tokensIn! > 0 && r.latencyTotalMs! > 0 && r.modelUsed === "mock"));
    const cmp = await caller.testing.compare({ projectId: project.id, a: firstRunId, b: runId });
    assert.equal(cmp.diff.sameOutput, true);
    assert.equal(cmp.diff.sameTools, true);
    assert.equal(cmp.diff.tokensIn, 0);
    assert.equal(cmp.diff.latencyTotalMs, again.latencyTotalMs! - cmp.a.latencyTotalMs!);
  });

  test("refuses oversized input (BAD_REQUEST) and another user's project, version or run (NOT_FOUND)", async () => {
    const { caller, project, version } = ctx;
    await assert.rejects(caller.testing.run({ projectId: project.id, versionId: version.id, input: "x".repeat(MAX_INPUT_CHARS + 1) }), (e) => code(e) === "BAD_REQUEST" && /input/.test((e as Error).message));
    await assert.rejects(caller.testing.run({ projectId: project.id, versionId: version.id, input: "   " }), (e) => code(e) === "BAD_REQUEST");
    const other = await createUser(platform, "intruder");
    await assert.rejects(other.caller.testing.run({ projectId: project.id, versionId: version.id, input: "hi" }), (e) => code(e) === "NOT_FOUND");
    await assert.rejects(other.caller.testing.get({ projectId: project.id, runId: firstRunId }), (e) => code(e) === "NOT_FOUND");
    await assert.rejects(other.caller.testing.list({ projectId: project.id }), (e) => code(e) === "NOT_FOUND");
    // Their own project does not unlock someone else's version.
    const theirs = await other.caller.project.create({ name: "Mine" });
    await assert.rejects(other.caller.testing.run({ projectId: theirs.id, versionId: version.id, input: "hi" }), (e) => code(e) === "NOT_FOUND");
    await assert.rejects(other.caller.testing.get({ projectId: theirs.id, runId: firstRunId }), (e) => code(e) === "NOT_FOUND");
    assert.deepEqual(await other.caller.testing.list({ projectId: theirs.id }), []);
  });

  test("the runner task's \"process\" isolation (ECS) runs the same agent with the same events", async () => {
    const events: RunEvent[] = [];
    const outcome = await runProject({ runId: "run_process_isolation", files: filesFromVersion(generate(TS_SPEC).files), input: "List my notebooks", cacheRoot: TEST_CACHE, model: mockPlan("amazon.nova-pro-v1:0"), onEvent: (e) => events.push(e), isolation: "process" });
    assert.equal(outcome.status, "succeeded", `${outcome.error}\n${outcome.logsExcerpt}`);
    assert.deepEqual(outcome.toolCalls.map((c) => c.name), ["notebook"]);
    assert.match(outcome.output, /^I used notebook/);
  });
});
