import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { getModification } from "../../server/dynamo/modification-repo";
import { createId } from "../../server/ids";
import type { LocalPlatform } from "../../server/platform/local";
import { QUEUE_NAMES, type QueueName } from "../../server/platform/types";
import { createPipelineDeps } from "../../server/modifications/workers/default-deps";
import type { PipelineDeps } from "../../server/modifications/workers/deps";
import { createQueueHandler } from "../../server/modifications/workers/handler";
import { MAX_RECEIVES } from "../../server/modifications/workers/job";
import { requestModification } from "../../server/modifications/workers/lifecycle";
import { createUser, startTestPlatform } from "../helpers/platform";
import { setDraft } from "../helpers/pipeline";

/**
 * What a job's retry budget is spent on (issue 17, the chaos run): only the step's own work.
 * Handing on to the next job never fails a delivery, a job that exhausts its budget fails its
 * modification visibly and leaves the queue, and the dead-letter queues keep what no worker
 * can handle.
 */
let platform: LocalPlatform;
before(async () => (platform = await startTestPlatform({ queue: { visibilityTimeoutMs: 30_000, retryDelayMs: 5, pollIntervalMs: 2, concurrency: 2 } })));
after(() => platform.close());

/** The four workers with cheap QA, recording the receive count of every delivery. */
function startCountingWorkers() {
  const deps: PipelineDeps = { ...createPipelineDeps(platform), verify: async () => ({ ok: true, checks: [], ran: [] }) };
  const receives: number[] = [];
  for (const role of QUEUE_NAMES) {
    const handler = createQueueHandler(role, async () => deps);
    platform.jobs.consume(role, (event) => {
      for (const r of event.Records) receives.push(Number(r.attributes.ApproximateReceiveCount));
      return handler(event);
    });
  }
  return { deps, receives };
}

const deadLetters = () => QUEUE_NAMES.flatMap((q) => platform.jobs.deadLetters(q));

async function waitForStatus(modificationId: string, wanted: string[]) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const m = await getModification(platform.dynamo, modificationId);
    if (m && wanted.includes(m.status)) return m;
    assert.ok(Date.now() < deadline, `modification stayed ${m?.status}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function newProject() {
  const { user, caller } = await createUser(platform);
  const project = await caller.project.create({ name: "Retry budget" });
  await setDraft(platform, project.id, user.id);
  return { projectId: project.id, ownerId: user.id };
}

test("failed sends after a stored step cost the job no delivery: every send fails twice, then works", { timeout: 120_000 }, async () => {
  const { receives } = startCountingWorkers();
  const send = platform.jobs.send.bind(platform.jobs);
  const attempts = new Map<string, number>();
  let armed = false;
  platform.jobs.send = async (queue: QueueName, body, options) => {
    const key = `${queue}|${options.dedupId}`;
    attempts.set(key, (attempts.get(key) ?? 0) + 1);
    if (armed && attempts.get(key)! <= 2) throw new Error("injected send failure");
    await send(queue, body, options);
  };
  try {
    const { projectId, ownerId } = await newProject();
    const m = await requestModification(platform, ownerId, { projectId, request: "generate", kind: "generate" });
    armed = true; // the workers' sends, not the request's (which the sweeper covers)
    const done = await waitForStatus(m.modificationId, ["done", "failed"]);
    assert.equal(done.status, "done", done.error);
    assert.deepEqual([...attempts.values()].filter((n) => n === 3).length, 3, "the PM, Dev and QA hand-offs each failed twice and then went through");
    assert.deepEqual(receives, [1, 1, 1, 1], "one delivery per step: no receive was spent on a send");
  } finally {
    platform.jobs.send = send;
  }
});

test("a step that crashes on every delivery fails its modification with the reason and leaves no dead letter", { timeout: 120_000 }, async () => {
  const { deps } = startCountingWorkers();
  let crashes = 0;
  deps.fault = (point) => {
    if (point === "dev:before-write") {
      crashes++;
      throw new Error("injected crash at dev:before-write");
    }
  };
  const before = deadLetters().length;
  const { projectId, ownerId } = await newProject();
  const m = await requestModification(platform, ownerId, { projectId, request: "generate", kind: "generate" });
  const failed = await waitForStatus(m.modificationId, ["failed", "done"]);
  assert.equal(failed.status, "failed");
  assert.match(failed.error ?? "", /The DEV worker failed repeatedly: injected crash at dev:before-write/);
  await platform.jobs.drain(30_000);
  assert.equal(crashes, MAX_RECEIVES, "one crash per allowed delivery");
  assert.equal(deadLetters().length, before, "a handled failure is not a dead letter");
});

test("a well-formed job for a modification that does not exist ends in the dead-letter queue", { timeout: 120_000 }, async () => {
  startCountingWorkers();
  const { projectId } = await newProject();
  const ghost = { modificationId: createId("modification"), projectId, role: "pm", requestId: "job_ghost" };
  await platform.jobs.send("pm", ghost, { groupId: projectId, dedupId: "ghost" });
  await platform.jobs.drain(30_000);
  assert.deepEqual(platform.jobs.deadLetters("pm").filter((d) => JSON.stringify(d) === JSON.stringify(ghost)), [ghost]);
});
