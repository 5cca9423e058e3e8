import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { eq, inArray } from "drizzle-orm";
import { suiteRuns, testResults } from "../../server/db/schema";
import { createId } from "../../server/ids";
import { startLocalServices } from "../../server/local/services";
import type { LocalPlatform } from "../../server/platform/local";
import type { ProjectEvent } from "../../server/platform/types";
import { insertRun, markRunning } from "../../server/test-runs/store/runs-repo";
import { createUser } from "../helpers/platform";
import { startRunnerPlatform, storeScript } from "../sandbox/helpers";

/**
 * The local runner's life across the platform's stops and starts (server/local/start.ts):
 * a start closes the runs an earlier process left active, a stop ends the runs in flight
 * (their processes killed) and the ones waiting in line, and a run waiting in line is not
 * taken for a stale one.
 */

let platform: LocalPlatform;
const live: ProjectEvent[] = [];
let stop: (() => Promise<void>) | undefined;
before(async () => ({ platform, stop } = await startRunnerPlatform(live)));
after(() => stop?.());

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function projectWith(tag: string, agent: string) {
  const { caller } = await createUser(platform, tag);
  const project = await caller.project.create({ name: `Lifecycle ${tag}` });
  const version = await storeScript(platform, project.id, agent);
  return { caller, project, version };
}

const QUICK_AGENT = `console.log(JSON.stringify({ type: "final", output: "done", usage: { inputTokens: 1, outputTokens: 1 } }));`;

describe("a start of the platform", () => {
  test("closes the runs an earlier process left queued or running (their suite finishes), and leaves its own alone", async () => {
    const { caller, project, version } = await projectWith("leftovers", QUICK_AGENT);
    const suiteRunId = createId("suiteRun");
    await platform.db.insert(suiteRuns).values({ id: suiteRunId, projectId: project.id, versionId: version.id, status: "running", total: 2 });
    // What an earlier process, killed mid-work, left: a lone run running, a suite's cases running and queued.
    const [lone, running, queued, own] = [createId("run"), createId("run"), createId("run"), createId("run")];
    await insertRun(platform.db, { id: lone, projectId: project.id, versionId: version.id, input: "q", modelUsed: "mock" });
    await markRunning(platform.db, lone);
    await insertRun(platform.db, { id: running, projectId: project.id, versionId: version.id, input: "q", modelUsed: "mock", suiteRunId });
    await markRunning(platform.db, running);
    await insertRun(platform.db, { id: queued, projectId: project.id, versionId: version.id, input: "q", modelUsed: "mock", suiteRunId });
    // The launcher's start is later than anything the earlier process wrote (rows carry microseconds, dates milliseconds).
    const written = await platform.db.select({ at: testResults.createdAt }).from(testResults).where(inArray(testResults.id, [lone, running, queued]));
    const startedAt = new Date(Math.max(...written.map((r) => r.at.getTime())) + 1);
    await until("the clock to pass the launcher's start", () => (Date.now() > startedAt.getTime() ? true : undefined));
    await insertRun(platform.db, { id: own, projectId: project.id, versionId: version.id, input: "q", modelUsed: "mock" });

    const services = startLocalServices(platform, startedAt);
    try {
      const status = async (id: string) => (await caller.testing.get({ projectId: project.id, runId: id })).status;
      await until("the leftovers to be closed", async () => ((await status(queued)) === "error" ? true : undefined));
      for (const id of [lone, running, queued]) {
        const run = await caller.testing.get({ projectId: project.id, runId: id });
        assert.equal(run.status, "error", id);
        assert.match(run.error ?? "", /platform stopped before it finished/);
      }
      const [suite] = await platform.db.select().from(suiteRuns).where(eq(suiteRuns.id, suiteRunId));
      assert.deepEqual([suite!.status, suite!.failed], ["done", 2]);
      // Closed in the same transaction as the leftovers: this process's own run was not among them.
      assert.equal(await status(own), "queued");
    } finally {
      await services.stop();
    }
  });
});
