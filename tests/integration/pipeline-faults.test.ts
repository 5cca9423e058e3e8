import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { asc, eq } from "drizzle-orm";
import { generatedCode } from "../../server/db/schema";
import { listModifications } from "../../server/dynamo/modification-repo";
import type { LocalPlatform } from "../../server/platform/local";
import type { QueueName } from "../../server/platform/types";
import { recoverPending, requestModification } from "../../server/modifications/workers/lifecycle";
import { createUser, startTestPlatform } from "../helpers/platform";
import { setDraft, startWorkers } from "../helpers/pipeline";

/**
 * Fault injection on the local platform: 200 modifications across 10 projects, with a
 * worker crash injected once at every point before and after each role's write, duplicate
 * deliveries, failed sends and poison messages. Afterwards nothing is lost or duplicated,
 * each project's versions are contiguous and in request order, and the dead-letter queues
 * hold exactly the poison messages.
 */
const PROJECTS = 10;
const PER_PROJECT = 20;
const POINTS = ["pm:before-write", "pm:after-write", "dev:before-write", "dev:after-write", "qa:before-write", "ops:after-store"];

let platform: LocalPlatform;
before(async () => (platform = await startTestPlatform({ queue: { visibilityTimeoutMs: 30_000, retryDelayMs: 20, pollIntervalMs: 2, concurrency: 6 } })));
after(() => platform.close());

test("200 modifications with crashes, duplicates, failed sends and poison: 0 lost, 0 duplicated, order kept", { timeout: 600_000 }, async () => {
  const crashed = new Set<string>();
  const deps = startWorkers(platform, {
    // Cheap QA for this suite (the real verification is covered by pipeline.test.ts): the spec file must parse.
    verify: async (files) => ({ ok: JSON.parse(String(files.get("agent-spec.json"))).name !== undefined, checks: [], ran: [] }),
  });
  const ordinal = new Map<string, number>();
  deps.fault = (point, modificationId) => {
    // Each modification crashes once at one point (the points rotate), as if the worker died there.
    if (!ordinal.has(modificationId)) ordinal.set(modificationId, ordinal.size);
    const key = `${modificationId}|${point}`;
    if (POINTS[ordinal.get(modificationId)! % POINTS.length] === point && !crashed.has(key)) {
      crashed.add(key);
      throw new Error(`injected crash at ${point}`);
    }
  };

  // Duplicate deliveries (every 5th send is sent twice, bypassing dedup) and failed sends (every 13th fails once).
  const send = platform.jobs.send.bind(platform.jobs);
  let sends = 0;
  platform.jobs.send = async (queue: QueueName, body, options) => {
    sends++;
    if (sends % 13 === 0) throw new Error("injected send failure");
    await send(queue, body, options);
    if (sends % 5 === 0) await send(queue, body, { ...options, dedupId: `${options.dedupId}:dup${sends}` });
  };

  const projects: { id: string; ownerId: string }[] = [];
  for (let p = 0; p < PROJECTS; p++) {
    const { user, caller } = await createUser(platform);
    const project = await caller.project.create({ name: `Faults ${p}` });
    await setDraft(platform, project.id, user.id);
    projects.push({ id: project.id, ownerId: user.id });
  }
  // The first modification of each project generates; the rest alternate the deployment target.
  let n = 0;
  for (let i = 0; i < PER_PROJECT; i++) {
    for (const project of projects) {
      const request = i === 0 ? null : i % 2 === 1 ? "deploy on Lambda instead" : "deploy on AgentCore instead";
      n++;
      await requestModification(platform, project.ownerId, request === null
        ? { projectId: project.id, request: `generate #${n}`, kind: "generate" }
        : { projectId: project.id, request: `${request} #${n}` }).catch(() => undefined);
    }
  }
  for (const q of ["pm", "dev", "qa", "ops"] as QueueName[]) await send(q, "not json {", { groupId: "poison", dedupId: `poison-${q}` });

  // Drain, sweeping like the local services do, until every modification is terminal.
  const deadline = Date.now() + 500_000;
  for (;;) {
    await platform.jobs.drain(500_000);
    const all = (await Promise.all(projects.map((p) => listModifications(platform.dynamo, p.id, 500)))).flat();
    if (all.every((m) => ["done", "failed", "cancelled"].includes(m.status))) break;
    assert.ok(Date.now() < deadline, "modifications did not finish");
    // As the local worker process's timer does: a sweep whose send failed is logged, and the next one retries.
    await recoverPending(platform).catch(() => undefined);
  }

  let done = 0;
  for (const project of projects) {
    const mods = (await listModifications(platform.dynamo, project.id, 500)).reverse();
    assert.equal(mods.length, PER_PROJECT, "no modification lost");
    const failed = mods.filter((m) => m.status === "failed");
    assert.deepEqual(failed.map((m) => m.error), [], "none failed (every fault heals by retry)");
    const rows = await platform.db.select().from(generatedCode).where(eq(generatedCode.projectId, project.id)).orderBy(asc(generatedCode.version));
    assert.deepEqual(rows.map((r) => r.version), Array.from({ length: rows.length }, (_, i) => i + 1), "versions contiguous");
    assert.equal(rows.length, mods.filter((m) => m.status === "done").length, "one version per done modification, no duplicates");
    // Versions follow request order.
    const versionOf = new Map(rows.map((r) => [r.modificationId, r.version]));
    const order = mods.filter((m) => m.status === "done").map((m) => versionOf.get(m.modificationId));
    assert.deepEqual(order, [...order].sort((a, b) => a! - b!), "order kept within the project");
    done += rows.length;
  }
  assert.equal(done, PROJECTS * PER_PROJECT);
  assert.ok(crashed.size >= 150, `a crash was injected in most modifications (${crashed.size})`);
  const dead = (["pm", "dev", "qa", "ops"] as QueueName[]).flatMap((q) => platform.jobs.deadLetters(q));
  assert.equal(dead.length, 4, "the dead-letter queues hold exactly the poison messages");
});
