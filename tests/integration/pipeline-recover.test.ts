import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { LocalPlatform } from "../../server/platform/local";
import { recoverPending, requestModification } from "../../server/modifications/workers/lifecycle";
import { createUser, startTestPlatform } from "../helpers/platform";
import { setDraft } from "../helpers/pipeline";

/**
 * The sweep that re-enqueues unfinished modifications (local timers, the aws sweeper Lambda)
 * reaches every project even when a send fails for one of them; the failed one is left to the
 * next sweep, and the sweep reports the failure. No workers run here, so the jobs stay queued and every send can be seen.
 */
let platform: LocalPlatform;
before(async () => (platform = await startTestPlatform()));
after(() => platform.close());

test("a failed send for one project does not stop the sweep reaching the others; the sweep then fails, naming the count", async () => {
  const projects: string[] = [];
  for (let i = 0; i < 3; i++) {
    const { user, caller } = await createUser(platform);
    const project = await caller.project.create({ name: `Recover ${i}` });
    await setDraft(platform, project.id, user.id);
    await requestModification(platform, user.id, { projectId: project.id, request: "generate", kind: "generate" });
    projects.push(project.id);
  }
  const send = platform.jobs.send.bind(platform.jobs);
  const sentFor: string[] = [];
  const failing = projects[0]!;
  platform.jobs.send = async (queue, body, options) => {
    if (options.groupId === failing) throw new Error("injected send failure");
    sentFor.push(options.groupId);
    await send(queue, body, { ...options, dedupId: `${options.dedupId}:swept` });
  };

  await assert.rejects(recoverPending(platform), /could not re-enqueue 1 of 3 projects: Error: injected send failure/);
  assert.deepEqual([...sentFor].sort(), projects.slice(1).sort(), "the others were re-enqueued");

  platform.jobs.send = send;
  assert.equal(await recoverPending(platform), 3, "the next sweep reaches every project");
});
