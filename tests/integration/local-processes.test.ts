import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { getPriority, tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { createCaller } from "../../server/api/root";
import { createContextInner } from "../../server/api/trpc";
import { signUp } from "../../server/auth/users";
import { startDynamoProcess, startWorkerProcess, stopChild, type WorkerProcess } from "../../server/local/processes";
import { BACKGROUND_NICENESS } from "../../server/platform/background-priority";
import { IpcJobQueue } from "../../server/platform/ipc-queues";
import { createLocalPlatform, type LocalPlatform } from "../../server/platform/local";
import { openPgliteThread } from "../../server/platform/pglite-thread-client";
import { setPlatform } from "../../server/platform";
import type { ProjectEvent } from "../../server/platform/types";
import { setDraft } from "../helpers/pipeline";
import { uniqueEmail } from "../helpers/platform";

/**
 * The launcher's process layout (server/local/processes.ts): dynalite and the workers in their
 * own processes, the web side sending jobs and receiving events over IPC, Postgres served to
 * the workers from the web process (PGlite itself on a thread of it). A killed worker process is restarted and its job finishes.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), "agent-builder-processes-"));
let dynamo: Awaited<ReturnType<typeof startDynamoProcess>>;
let platform: LocalPlatform;
let workers: WorkerProcess;
const jobs = new IpcJobQueue();
const events: ProjectEvent[] = [];

before(async () => {
  process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret";
  dynamo = await startDynamoProcess(dataDir, 0);
  platform = await createLocalPlatform({ dataDir, dynamoEndpoint: dynamo.endpoint, pg: openPgliteThread(path.join(dataDir, "pg")) }); // as the launcher opens it
  platform.events.subscribe((e) => events.push(e));
  setPlatform({ ...platform, jobs });
  workers = await startWorkerProcess(platform, jobs, { dataDir, logLevel: process.env.TEST_WORKER_LOG ?? "silent" });
});

after(async () => {
  await workers?.stop();
  await platform?.close();
  if (dynamo) await stopChild(dynamo.child);
  rmSync(dataDir, { recursive: true, force: true });
});

const alive = (pid: number | undefined) => {
  try {
    return pid !== undefined && process.kill(pid, 0);
  } catch {
    return false;
  }
};

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test("a generation runs in the worker process; killed mid-job, the process is restarted and the job still finishes", { timeout: 300_000 }, async () => {
  const user = await signUp(platform.db, { email: uniqueEmail("processes"), password: "correct horse battery" });
  const caller = createCaller(createContextInner({ ...platform, jobs }, user.id));
  const project = await caller.project.create({ name: "Processes" });
  await setDraft(platform, project.id, user.id);

  const firstPid = workers.pid();
  const gen = await caller.generation.generate({ projectId: project.id });
  process.kill(firstPid!, "SIGKILL"); // the job was stored by the worker process before `generate` returned
  await until("the restart", async () => (workers.restarts() === 1 && alive(workers.pid()) && workers.pid() !== firstPid ? true : undefined));
  assert.equal(alive(firstPid), false);
  // The pipelines yield the cores to the web process; a restarted worker process does too.
  assert.equal(getPriority(workers.pid()!), getPriority(process.pid) + BACKGROUND_NICENESS);

  const done = await until("the generation to finish", async () => {
    const m = await caller.modification.get({ projectId: project.id, modificationId: gen.modificationId });
    return m.status === "done" || m.status === "failed" ? m : undefined;
  });
  assert.equal(done.status, "done", done.error ?? "");
  assert.equal((await caller.generation.listVersions({ projectId: project.id })).length, 1);
  assert.ok(events.some((e) => e.projectId === project.id), "the worker's events reached the web process's hub");
});

test("stopping leaves no child process", async () => {
  const [workerPid, dynamoPid] = [workers.pid(), dynamo.child.pid];
  assert.ok(alive(workerPid) && alive(dynamoPid));
  await workers.stop();
  await stopChild(dynamo.child);
  assert.equal(alive(workerPid), false);
  assert.equal(alive(dynamoPid), false);
});
