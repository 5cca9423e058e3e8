import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { handler, SWEEP } from "../../server/agents/sweeper";
import { testResults } from "../../server/db/schema";
import { getDeployment, insertDeployment } from "../../server/deploy/store";
import { getModification } from "../../server/dynamo/modification-repo";
import { generateProject } from "../../server/generation";
import { createId } from "../../server/ids";
import { setDeployer } from "../../server/platform";
import { LocalDeployer } from "../../server/platform/deployer/local-deployer";
import type { LocalPlatform } from "../../server/platform/local";
import type { QueueName } from "../../server/platform/types";
import { requestModification } from "../../server/modifications/workers/lifecycle";
import { registryLookup } from "../../server/registry/load";
import { loadRegistry } from "../../server/composition/services";
import { sweepOnce } from "../../server/sweep/sweep";
import { storeVersion } from "../../server/versions/service";
import { createUser, startTestPlatform } from "../helpers/platform";
import { SPEC } from "../helpers/sample-spec";
import { setDraft } from "../helpers/pipeline";

/**
 * The aws-mode sweeper (a scheduled Lambda: server/agents/sweeper.ts) against the local
 * stand-ins: one invocation does the repair work the local processes do on timers.
 */
let platform: LocalPlatform;
before(async () => {
  platform = await startTestPlatform();
  setDeployer(platform, new LocalDeployer(platform.blobs, { stepMs: 5 }));
});
after(() => platform.close());

test("one sweep re-enqueues a modification whose send failed, closes a stale test run, steps a deployment to review and keeps referenced blobs", { timeout: 120_000 }, async () => {
  const { user, caller } = await createUser(platform, "sweeper");
  const project = await caller.project.create({ name: "Swept" });
  await setDraft(platform, project.id, user.id);

  // A modification stored while the queue refused every send: nothing is queued for it.
  const send = platform.jobs.send.bind(platform.jobs);
  platform.jobs.send = async () => {
    throw new Error("injected send failure");
  };
  const m = await requestModification(platform, user.id, { projectId: project.id, request: "generate", kind: "generate" }).finally(() => (platform.jobs.send = send));
  assert.equal(platform.jobs.depth("pm"), 0);

  // A test run a stopped runner left running an hour ago.
  const spec = { ...SPEC, systemPrompt: "Sweep me." };
  const version = await storeVersion(platform, { projectId: project.id, spec, generated: generateProject(spec, registryLookup(loadRegistry())), verification: null });
  const runId = createId("run");
  await platform.db.insert(testResults).values({ id: runId, projectId: project.id, versionId: version.id, input: "q", status: "running", modelUsed: "mock", createdAt: new Date(Date.now() - 3_600_000) });

  // A deployment left pending by a web request that ended before its watcher stepped it.
  await caller.deploy.connect({ mode: "default-chain", region: "us-east-1" });
  const d = await insertDeployment(platform.db, { projectId: project.id, versionId: version.id, version: 1, userId: user.id, environment: "prod", kind: "deploy", stackName: "swept-prod", region: "us-east-1", changeSetName: "cs-swept" });

  const report = await sweepOnce(platform, { deploymentBudgetMs: 20_000, pollMs: 20, collectBlobs: true });
  assert.deepEqual(report.failed, []);
  assert.ok(report.projectsKicked >= 1);
  assert.equal(platform.jobs.depth("pm"), 1, "the modification's PM job is queued");
  assert.equal((await getModification(platform.dynamo, m.modificationId))?.status, "queued");
  assert.equal((await platform.db.select().from(testResults).where(eq(testResults.id, runId)))[0]!.status, "error");
  assert.equal((await getDeployment(platform.db, d.id))?.status, "review", "stepped until it waits for the user");
  assert.ok(report.deploymentSteps >= 2);
  assert.equal(report.blobsDeleted, 0, "the version's blobs are referenced (and fresh)");
  assert.ok(await platform.blobs.has(version.blobKey));
});

test("the Lambda handler sweeps the configured platform and fails the invocation when a part fails", { timeout: 60_000 }, async () => {
  assert.ok(SWEEP.deploymentBudgetMs < 60_000, "the deployment budget fits the function's timeout");
  const ok = await handler();
  assert.deepEqual(ok.failed, []);

  const send = platform.jobs.send.bind(platform.jobs);
  const { user, caller } = await createUser(platform, "sweeper-fail");
  const project = await caller.project.create({ name: "Swept again" });
  await setDraft(platform, project.id, user.id);
  platform.jobs.send = async (_q: QueueName) => {
    throw new Error("injected send failure");
  };
  try {
    await requestModification(platform, user.id, { projectId: project.id, request: "generate", kind: "generate" });
    await assert.rejects(handler(), /sweep parts failed: modifications/);
  } finally {
    platform.jobs.send = send;
  }
});
