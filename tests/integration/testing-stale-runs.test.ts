import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { suiteRuns, testResults, testRunDetails } from "../../server/db/schema";
import { createId } from "../../server/ids";
import type { LocalPlatform } from "../../server/platform/local";
import { storeVersion } from "../../server/versions/service";
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

  const runs = await caller.testing.list({ projectId: project.id });
  assert.equal(runs.find((r) => r.id === runId)?.status, "error");
  const [suite] = await platform.db.select().from(suiteRuns).where(eq(suiteRuns.id, suiteRunId));
  assert.deepEqual([suite!.status, suite!.failed], ["done", 1]);
});
