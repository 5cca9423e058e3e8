import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq, isNotNull } from "drizzle-orm";
import { suiteRuns, testResults, testRunDetails } from "../../server/db/schema";
import { createId } from "../../server/ids";
import type { LocalPlatform } from "../../server/platform/local";
import { storeVersion } from "../../server/versions/service";
import { sweepWebProcess } from "../../server/local/web-sweep";
import { createUser, startTestPlatform } from "../helpers/platform";

let platform: LocalPlatform;
before(async () => (platform = await startTestPlatform()));
after(() => platform.close());

test("a run left running by a stopped runner is closed as an error, and its suite finishes with it failed", async () => {
  const { caller } = await createUser(platform, "stale");
  const project = await caller.project.create({ name: "Stale runs" });
  const files = new Map([["agent-spec.json", "{}"]]);
  const version = await storeVersion(platform, { projectId: project.id, spec: {}, generated: { files, contentHash: "stale-test", templateVersion: "", notes: [], requiredIam: [] }, verification: null });
  const suiteRunId = createId("suiteRun");
  await platform.db.insert(suiteRuns).values({ id: suiteRunId, projectId: project.id, versionId: version.id, status: "running", total: 1 });
  const runId = createId("run");
  const anHourAgo = new Date(Date.now() - 3_600_000);
  await platform.db.insert(testResults).values({ id: runId, projectId: project.id, versionId: version.id, input: "q", status: "running", modelUsed: "mock", createdAt: anHourAgo });
  await platform.db.insert(testRunDetails).values({ resultId: runId, suiteRunId });

  // testing.list is a query: it reports the run as it is and writes nothing.
  assert.equal((await caller.testing.list({ projectId: project.id })).find((r) => r.id === runId)?.status, "running");
  assert.equal((await platform.db.select().from(testResults).where(eq(testResults.id, runId)))[0]!.status, "running");
  // The sweeper closes it.
  await sweepWebProcess(platform);
  const runs = await caller.testing.list({ projectId: project.id });
  assert.equal(runs.find((r) => r.id === runId)?.status, "error");
  const [suite] = await platform.db.select().from(suiteRuns).where(eq(suiteRuns.id, suiteRunId));
  assert.deepEqual([suite!.status, suite!.failed], ["done", 1]);
});

/** Runs of a fresh version, every one created `createdAgoMs` ago: the cases of one suite run, or (inSuite false) lone runs. */
async function backdatedSuite(tag: string, createdAgoMs: number, cases: { status: "queued" | "running" | "succeeded"; startedAgoMs?: number; finishedAgoMs?: number }[], inSuite = true) {
  const { caller } = await createUser(platform, tag);
  const project = await caller.project.create({ name: `Suite ${tag}` });
  const version = await storeVersion(platform, { projectId: project.id, spec: {}, generated: { files: new Map([["agent-spec.json", "{}"]]), contentHash: `suite-${tag}`, templateVersion: "", notes: [], requiredIam: [] }, verification: null });
  const suiteRunId = createId("suiteRun");
  if (inSuite) await platform.db.insert(suiteRuns).values({ id: suiteRunId, projectId: project.id, versionId: version.id, status: "running", total: cases.length, passed: cases.filter((c) => c.status === "succeeded").length });
  const runIds: string[] = [];
  for (const c of cases) {
    const runId = createId("run");
    runIds.push(runId);
    await platform.db.insert(testResults).values({ id: runId, projectId: project.id, versionId: version.id, input: "q", status: c.status, modelUsed: "mock", createdAt: new Date(Date.now() - createdAgoMs) });
    const ago = (ms: number | undefined) => (ms === undefined ? null : new Date(Date.now() - ms));
    await platform.db.insert(testRunDetails).values({ resultId: runId, suiteRunId: inSuite ? suiteRunId : null, startedAt: ago(c.startedAgoMs), finishedAt: ago(c.finishedAgoMs) });
  }
  const statuses = async () => {
    const rows = await caller.testing.list({ projectId: project.id });
    return runIds.map((id) => rows.find((r) => r.id === id)?.status);
  };
  return { caller, project, suiteRunId, statuses };
}

const MINUTE = 60_000;

test("a long suite's later cases, waiting their turn in its one agent process, are not closed while the suite makes progress", async () => {
  // Created 40 minutes ago; case 1 finished a minute ago, so case 2 runs and case 3 waits its turn.
  const suite = await backdatedSuite("long-suite", 40 * MINUTE, [{ status: "succeeded", finishedAgoMs: MINUTE }, { status: "running" }, { status: "queued" }]);
  // Lone runs as old, one finished a minute ago: a run outside a suite is closed as before, whatever others did.
  const lone = await backdatedSuite("lone", 40 * MINUTE, [{ status: "succeeded", finishedAgoMs: MINUTE }, { status: "running" }], false);
  await sweepWebProcess(platform);
  assert.deepEqual(await suite.statuses(), ["succeeded", "running", "queued"]);
  assert.deepEqual(await lone.statuses(), ["succeeded", "error"]);
  const [row] = await platform.db.select().from(suiteRuns).where(eq(suiteRuns.id, suite.suiteRunId));
  assert.deepEqual([row!.status, row!.passed, row!.failed], ["running", 1, 0]);
});

test("a suite whose agent process is gone (no case finished for longer than a case can take) is closed, every unfinished case failed", async () => {
  const suite = await backdatedSuite("gone-suite", 60 * MINUTE, [{ status: "succeeded", finishedAgoMs: 20 * MINUTE }, { status: "running" }, { status: "queued" }]);
  await sweepWebProcess(platform);
  assert.deepEqual(await suite.statuses(), ["succeeded", "error", "error"]);
  const [row] = await platform.db.select().from(suiteRuns).where(eq(suiteRuns.id, suite.suiteRunId));
  assert.deepEqual([row!.status, row!.passed, row!.failed], ["done", 1, 2]);
});

test("a run that waited long in line is stale from when it started, not from when it was created", async () => {
  // Created 40 minutes ago, waited in line, started a minute ago; beside it, one that started 20 minutes ago and never ended.
  const lone = await backdatedSuite("waited", 40 * MINUTE, [{ status: "running", startedAgoMs: MINUTE }, { status: "running", startedAgoMs: 20 * MINUTE }], false);
  await sweepWebProcess(platform);
  assert.deepEqual(await lone.statuses(), ["running", "error"]);
});

test("a run waits in line unclosed while the runs ahead of it keep starting; once the line stops moving it is closed", async () => {
  // A run created before the waiting ones started 2 minutes ago: the line moves.
  const moving = await backdatedSuite("line-moves", 50 * MINUTE, [{ status: "running", startedAgoMs: 2 * MINUTE }, { status: "queued" }, { status: "queued" }], false);
  await sweepWebProcess(platform);
  assert.deepEqual(await moving.statuses(), ["running", "queued", "queued"]);
  // Nothing created before these started for 20 minutes (the runner is gone): the line is dead.
  await platform.db.update(testRunDetails).set({ startedAt: new Date(Date.now() - 20 * MINUTE) }).where(isNotNull(testRunDetails.startedAt));
  await sweepWebProcess(platform);
  assert.deepEqual(await moving.statuses(), ["error", "error", "error"]);
});

test("markRunning records when the run left the line", async () => {
  const { insertRun, markRunning } = await import("../../server/test-runs/store/runs-repo");
  const { caller } = await createUser(platform, "started");
  const project = await caller.project.create({ name: "Started runs" });
  const version = await storeVersion(platform, { projectId: project.id, spec: {}, generated: { files: new Map([["a", "{}"]]), contentHash: "started-test", templateVersion: "", notes: [], requiredIam: [] }, verification: null });
  const runId = createId("run");
  await insertRun(platform.db, { id: runId, projectId: project.id, versionId: version.id, input: "q", modelUsed: "mock" });
  const startedAt = async () => (await platform.db.select({ at: testRunDetails.startedAt }).from(testRunDetails).where(eq(testRunDetails.resultId, runId)))[0]!.at;
  assert.equal(await startedAt(), null);
  const before = Date.now();
  await markRunning(platform.db, runId);
  const first = await startedAt();
  assert.ok(first && first.getTime() >= before - 1, String(first));
  await markRunning(platform.db, runId); // a repeated report: the start stays the first one
  assert.equal((await startedAt())?.getTime(), first.getTime());
});

test("insertRun and storeOutcome are atomic: a failing second write leaves no half-written run", async () => {
  const { insertRun, storeOutcome } = await import("../../server/test-runs/store/runs-repo");
  const { caller } = await createUser(platform, "atomic");
  const project = await caller.project.create({ name: "Atomic runs" });
  const version = await storeVersion(platform, { projectId: project.id, spec: {}, generated: { files: new Map([["a", "{}"]]), contentHash: "atomic-test", templateVersion: "", notes: [], requiredIam: [] }, verification: null });
  // The details row names a suite run that does not exist: its insert fails (foreign key).
  const orphanId = createId("run");
  await assert.rejects(insertRun(platform.db, { id: orphanId, projectId: project.id, versionId: version.id, input: "q", modelUsed: "mock", suiteRunId: createId("suiteRun") }));
  assert.deepEqual(await platform.db.select().from(testResults).where(eq(testResults.id, orphanId)), [], "no run without details");

  const runId = createId("run");
  await insertRun(platform.db, { id: runId, projectId: project.id, versionId: version.id, input: "q", modelUsed: "mock" });
  const outcome = { status: "succeeded" as const, output: "ok", error: "bad\u0000byte", firstTokenMs: 1, totalMs: 2, tokensIn: 1, tokensOut: 1, toolCalls: [], logsExcerpt: "", events: [], model: { label: "mock" } as never };
  // The details update fails (Postgres cannot store NUL): the status update goes back with it.
  await assert.rejects(storeOutcome(platform.db, runId, outcome, null));
  assert.equal((await platform.db.select().from(testResults).where(eq(testResults.id, runId)))[0]!.status, "queued");
  assert.equal(await storeOutcome(platform.db, runId, { ...outcome, error: null }, null), true);
  assert.equal((await platform.db.select().from(testResults).where(eq(testResults.id, runId)))[0]!.status, "succeeded");
});
