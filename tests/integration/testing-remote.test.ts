import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TRPCError } from "@trpc/server";
import { listEventsAfter } from "../../server/dynamo/event-repo";
import type { LocalPlatform } from "../../server/platform/local";
import { overrideServices } from "../../server/composition/root";
import type { RunJob, TestRunner } from "../../server/test-runs/types";
import { anonymousCaller, createUser, startTestPlatform } from "../helpers/platform";
import { scriptedAgent, storeScript } from "../sandbox/helpers";

/**
 * The AWS runner's way back (aws mode): a runner task has no database, so it fetches its job
 * and reports events and its outcome to the app with the run's one-time token. Here a stub
 * runner stands in for ECS; everything after RunTask is the real code path.
 */

let platform: LocalPlatform;
const jobs: RunJob[] = [];
const code = (e: unknown) => (e as TRPCError).code;

before(async () => {
  platform = await startTestPlatform();
  const stub: TestRunner = { kind: "aws", modelFor: async (id) => ({ kind: "bedrock", id: id ?? "x", label: `bedrock:${id}` }), start: async (job) => void jobs.push(job), deliverDecision: async () => true };
  overrideServices(platform, { testRunner: stub });
});
after(() => platform.close());

describe("runner task reports", () => {
  test("job and report need the run's token; events are published, the outcome stored once", async () => {
    const { caller } = await createUser(platform, "aws");
    const project = await caller.project.create({ name: "Remote" });
    const version = await storeScript(platform, project.id, scriptedAgent('"ok"'));
    const { runId } = await caller.testing.run({ projectId: project.id, versionId: version.id, input: "hello" });
    const job = jobs.find((j) => j.runId === runId)!;
    const runnerApi = anonymousCaller(platform).testing.runner;

    await assert.rejects(runnerApi.job({ runId, token: "x".repeat(43) }), (e) => code(e) === "UNAUTHORIZED");
    await assert.rejects(runnerApi.report({ runId, token: "y".repeat(43), events: [] }), (e) => code(e) === "UNAUTHORIZED");
    const fetched = await runnerApi.job({ runId, token: job.reportToken });
    assert.equal(fetched.input, "hello");
    assert.ok(fetched.zipUrl.endsWith(version.zipBlobKey!), "a URL of its own version's ZIP, nothing bucket-wide");
    assert.ok(!("zipKey" in fetched) && !("blobKey" in fetched));

    await runnerApi.report({ runId, token: job.reportToken, events: [{ type: "status", phase: "running", message: "go", t: 5 }, { type: "text", delta: "o", t: 10 }, { type: "text", delta: "k", t: 11 }] });
    assert.equal((await caller.testing.get({ projectId: project.id, runId })).status, "running");
    const outcome = { status: "succeeded" as const, output: "ok", error: null, firstTokenMs: 5, totalMs: 40, tokensIn: 1000, tokensOut: 100, toolCalls: [], logsExcerpt: "", events: [], model: { kind: "bedrock" as const, id: "amazon.nova-pro-v1:0", label: "bedrock:amazon.nova-pro-v1:0" } };
    assert.deepEqual(await runnerApi.report({ runId, token: job.reportToken, events: [], outcome }), { accepted: 0, finished: true });
    const run = await caller.testing.get({ projectId: project.id, runId });
    assert.deepEqual([run.status, run.modelUsed, run.tokensIn, run.latencyTotalMs], ["succeeded", "bedrock:amazon.nova-pro-v1:0", 1000, 40]);
    assert.ok(Math.abs(run.costUsd! - (1000 * 0.8 + 100 * 3.2) / 1e6) < 1e-9);

    // A retried report changes nothing; the job cannot be fetched again.
    await runnerApi.report({ runId, token: job.reportToken, events: [], outcome: { ...outcome, output: "changed" } });
    assert.equal((await caller.testing.get({ projectId: project.id, runId })).output, "ok");
    await assert.rejects(runnerApi.job({ runId, token: job.reportToken }), (e) => code(e) === "CONFLICT");

    const types = (await listEventsAfter(platform.dynamo, project.id, 0)).filter((e) => (e.payload as { runId?: string }).runId === runId).map((e) => e.type);
    assert.deepEqual(types, ["testrun.started", "testrun.event", "testrun.event", "testrun.finished"], "text deltas of one report are merged");
  });

  test("a report must be well formed: statuses, sizes and event shapes are checked", async () => {
    const runnerApi = anonymousCaller(platform).testing.runner;
    const runId = jobs[0]!.runId;
    await assert.rejects(runnerApi.report({ runId, token: jobs[0]!.reportToken, events: [{ type: "shell", cmd: "rm -rf /", t: 1 } as never] }), (e) => code(e) === "BAD_REQUEST");
    await assert.rejects(runnerApi.report({ runId, token: jobs[0]!.reportToken, events: Array.from({ length: 201 }, (_, i) => ({ type: "text" as const, delta: "x", t: i })) }), (e) => code(e) === "BAD_REQUEST");
  });
});
