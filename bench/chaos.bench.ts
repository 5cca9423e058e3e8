import { signUp } from "../server/auth/users";
import { listVersionsOf } from "../server/versions/version-repo";
import { ensureContext, saveContext } from "../server/dynamo/context-repo";
import { listModifications } from "../server/dynamo/modification-repo";
import { configureLog } from "../server/log";
import { createLocalPlatform } from "../server/platform/local";
import { QUEUE_NAMES, type QueueName } from "../server/platform/types";
import { createPipelineDeps } from "../server/modifications/workers/default-deps";
import { createQueueHandler } from "../server/modifications/workers/handler";
import { recoverPending, requestModification } from "../server/modifications/workers/lifecycle";
import { createProject } from "../server/projects/service";
import { SPEC } from "../tests/helpers/sample-spec";

/**
 * The chaos run at scale (issue 17; tests/integration/pipeline-faults.test.ts is its 200-
 * modification sibling in `npm test`): 1,000 modifications across 20 projects; at every
 * write point a worker crashes with probability 10%; 5% of sends fail; 2% of sends are
 * delivered twice; 10 poison messages. Figures: lost, duplicated, projects with
 * non-contiguous versions, and whether the DLQs hold exactly the poison set.
 * Deterministic: a seeded PRNG decides every fault.
 */
const PROJECTS = 20;
const PER_PROJECT = 50;
const CRASH = 0.1;
const FAILED_SEND = 0.05;
const DUPLICATE = 0.02;
const POISON = 10;

function prng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0) / 2 ** 32);
}

export async function run(): Promise<Record<string, number>> {
  process.env.NEXTAUTH_SECRET ??= "bench-secret-bench-secret-bench-secret";
  process.env.LOG_LEVEL = "silent";
  configureLog("silent");
  const started = Date.now();
  const platform = await createLocalPlatform({ dataDir: null, queue: { visibilityTimeoutMs: 30_000, retryDelayMs: 20, pollIntervalMs: 2, concurrency: 8 } });
  const random = prng(17);
  const deps = createPipelineDeps(platform);
  // Cheap QA (the real verification is benchmarked in pipeline.bench.ts): the spec file must parse.
  deps.verify = async (files) => ({ ok: JSON.parse(String(files.get("agent-spec.json"))).name !== undefined, checks: [], ran: [] });
  let crashes = 0;
  deps.fault = (point) => {
    if (random() < CRASH) {
      crashes++;
      throw new Error(`injected crash at ${point}`);
    }
  };
  for (const role of QUEUE_NAMES) platform.jobs.consume(role, createQueueHandler(role, async () => deps));

  const send = platform.jobs.send.bind(platform.jobs);
  let failedSends = 0;
  let duplicates = 0;
  platform.jobs.send = async (queue: QueueName, body, options) => {
    if (random() < FAILED_SEND) {
      failedSends++;
      throw new Error("injected send failure");
    }
    await send(queue, body, options);
    if (random() < DUPLICATE) {
      duplicates++;
      await send(queue, body, { ...options, dedupId: `${options.dedupId}:dup${duplicates}` });
    }
  };

  const projects: { id: string; ownerId: string }[] = [];
  for (let p = 0; p < PROJECTS; p++) {
    const user = await signUp(platform.db, { email: `chaos-${p}-${Date.now()}@bench.local`, password: "bench password" });
    const project = await createProject(platform.db, user.id, { name: `Chaos ${p}`, description: "" });
    const ctx = await ensureContext(platform.dynamo, project.id, user.id);
    await saveContext(platform.dynamo, project.id, ctx.rev, { draft: { ...SPEC } });
    projects.push({ id: project.id, ownerId: user.id });
  }
  let n = 0;
  for (let i = 0; i < PER_PROJECT; i++) {
    for (const project of projects) {
      n++;
      const request = i % 2 === 1 ? "deploy on Lambda instead" : "deploy on AgentCore instead";
      await requestModification(platform, project.ownerId, i === 0 ? { projectId: project.id, request: `generate #${n}`, kind: "generate" } : { projectId: project.id, request: `${request} #${n}` }).catch(() => undefined);
    }
  }
  const poison = Array.from({ length: POISON }, (_, i) => (i % 2 === 0 ? `poison ${i}: not a job` : { poison: i, modificationId: 42 }));
  for (const [i, body] of poison.entries()) await send(QUEUE_NAMES[i % QUEUE_NAMES.length]!, body, { groupId: `poison-${i}`, dedupId: `poison-${i}` });

  for (;;) {
    await platform.jobs.drain(900_000);
    const all = (await Promise.all(projects.map((p) => listModifications(platform.dynamo, p.id, 1000)))).flat();
    if (all.every((m) => ["done", "failed", "cancelled"].includes(m.status))) break;
    await recoverPending(platform);
  }

  let stored = 0;
  let lost = 0;
  let duplicated = 0;
  let failed = 0;
  let nonContiguous = 0;
  for (const project of projects) {
    const mods = await listModifications(platform.dynamo, project.id, 1000);
    stored += mods.length;
    failed += mods.filter((m) => m.status === "failed").length;
    const rows = (await listVersionsOf(platform.db, project.id)).reverse(); // oldest first
    const done = mods.filter((m) => m.status === "done");
    const versionsByMod = new Map<string, number>();
    for (const r of rows) versionsByMod.set(r.modificationId ?? "", (versionsByMod.get(r.modificationId ?? "") ?? 0) + 1);
    lost += done.filter((m) => !versionsByMod.has(m.modificationId)).length + (PER_PROJECT - mods.length);
    duplicated += [...versionsByMod.values()].filter((c) => c > 1).length;
    if (rows.some((r, i) => r.version !== i + 1)) nonContiguous++;
  }
  const dead = QUEUE_NAMES.flatMap((q) => platform.jobs.deadLetters(q)).map((b) => JSON.stringify(b)).sort();
  const expected = poison.map((b) => JSON.stringify(b)).sort();
  await platform.close();
  return {
    modificationsRequested: PROJECTS * PER_PROJECT,
    modificationsStored: stored,
    lost,
    duplicated,
    failed,
    projectsWithNonContiguousVersions: nonContiguous,
    injectedCrashes: crashes,
    injectedFailedSends: failedSends,
    injectedDuplicateDeliveries: duplicates,
    deadLetters: dead.length,
    dlqHoldsExactlyThePoisonSet: JSON.stringify(dead) === JSON.stringify(expected) ? 1 : 0,
    wallSeconds: Math.round((Date.now() - started) / 1000),
  };
}
