import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
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
