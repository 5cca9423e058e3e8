import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { eq, inArray } from "drizzle-orm";
import { suiteRuns, testResults } from "../../server/db/schema";
import { createId } from "../../server/ids";
import { startLocalServices } from "../../server/local/services";
import type { LocalPlatform } from "../../server/platform/local";
import type { ProjectEvent } from "../../server/platform/types";
import { insertRun, markRunning } from "../../server/test-runs/store/runs-repo";
import { expireStaleRuns } from "../../server/test-runs/store/stale-runs-repo";
import { STOPPED_BEFORE_RUN, STOPPED_DURING_RUN } from "../../server/test-runs/local-runner";
import { CGROUP_PARENT } from "../../server/test-runs/sandbox/cgroup";
import { sandboxAvailable } from "../../server/test-runs/sandbox/host";
import type { RunEvent } from "../../server/test-runs/types";
import { createUser } from "../helpers/platform";
import { liveRunCgroups, startRunnerPlatform, storeScript, useTestRunner, waitForRun } from "../sandbox/helpers";

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

const skip = !sandboxAvailable() && "needs bubblewrap and root";

/** Says it is working, starts a child process (so there is a tree to kill) and never ends on its own. */
const HANGING_AGENT = `
require("node:child_process").spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
console.log(JSON.stringify({ type: "text", delta: "working" }));
setInterval(() => {}, 1000);`;

/** Whether the run's agent has streamed an event of `type`. */
const streamed = (runId: string, type: RunEvent["type"]) => live.some((e) => {
  const p = e.payload as { runId?: string; event?: RunEvent };
  return p.runId === runId && p.event?.type === type;
});

/** The processes in the run's cgroup (its name starts with the run's directory name, run/run-dir.ts). */
function runProcesses(runId: string): { cgroup: string; pids: number[] } | undefined {
  const name = runId.replace(/[^a-z0-9_-]/gi, "").slice(0, 40);
  const cgroup = liveRunCgroups().find((c) => c.startsWith(`${name}-`));
  if (!cgroup) return undefined;
  const procs = readFileSync(join("/sys/fs/cgroup/pids", CGROUP_PARENT, cgroup, "cgroup.procs"), "utf8");
  return { cgroup, pids: procs.split("\n").filter((p) => p.trim()).map(Number) };
}

/** Gone, or a zombie waiting to be reaped (it runs nothing). */
function ended(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.startsWith("Z") ?? true;
  } catch {
    return true;
  }
}

describe("a stop of the platform", { skip, timeout: 300_000 }, () => {
  test("ends the run in flight as stopped with none of its processes left, the run in line and a run started after without running them", async () => {
    const runner = useTestRunner(platform, { concurrency: 1 });
    const { caller, project, version } = await projectWith("stop", HANGING_AGENT);
    const { runId } = await caller.testing.run({ projectId: project.id, versionId: version.id, input: "go" });
    const { runId: waiting } = await caller.testing.run({ projectId: project.id, versionId: version.id, input: "go" });
    await until("the agent to work", () => (streamed(runId, "text") ? true : undefined));
    const tree = await until("the agent and its child in the run's cgroup", () => {
      const found = runProcesses(runId);
      return found && found.pids.length >= 2 ? found : undefined;
    });
    assert.equal((await caller.testing.get({ projectId: project.id, runId: waiting })).status, "queued");

    await runner.stop();

    const run = await caller.testing.get({ projectId: project.id, runId });
    assert.deepEqual([run.status, run.error, run.output], ["error", STOPPED_DURING_RUN, "working"]);
    const inLine = await caller.testing.get({ projectId: project.id, runId: waiting });
    assert.deepEqual([inLine.status, inLine.error], ["error", STOPPED_BEFORE_RUN]);
    assert.deepEqual(tree.pids.filter((pid) => !ended(pid)), [], "every process of the run was killed");
    assert.equal(existsSync(join("/sys/fs/cgroup/pids", CGROUP_PARENT, tree.cgroup)), false, "the run's cgroup was removed");

    const { runId: late } = await caller.testing.run({ projectId: project.id, versionId: version.id, input: "go" });
    const after = await waitForRun(() => caller.testing.get({ projectId: project.id, runId: late }));
    assert.deepEqual([after.status, after.error], ["error", STOPPED_BEFORE_RUN]);
  });
});

/** Says it is working, then waits for any line on its stdin (a decision the test delivers) and answers. */
const WAITING_AGENT = `
console.log(JSON.stringify({ type: "text", delta: "waiting" }));
process.stdin.once("data", () => {
  console.log(JSON.stringify({ type: "final", output: "released", usage: { inputTokens: 1, outputTokens: 1 } }));
  process.exit(0);
});`;

/** A scripted run-suite: answers each case, except one whose input says "hang" (it works on it forever). */
const SUITE_AGENT = `
const out = (e) => console.log(JSON.stringify(e));
require("node:readline").createInterface({ input: process.stdin }).on("line", (line) => {
  const c = JSON.parse(line);
  out({ type: "text", delta: "on " + c.input, case: c.case });
  if (!c.input.includes("hang")) out({ type: "final", output: c.input, usage: { inputTokens: 1, outputTokens: 1 }, case: c.case });
});
out({ type: "ready" });`;

describe("a stop of the platform during a suite", { skip, timeout: 300_000 }, () => {
  test("ends the running case as stopped, the later cases as not run, and the suite as done", async () => {
    const runner = useTestRunner(platform);
    const { caller } = await createUser(platform, "suite-stop");
    const project = await caller.project.create({ name: "Lifecycle suite" });
    const version = await storeScript(platform, project.id, QUICK_AGENT, { "dist/run-suite.js": SUITE_AGENT });
    for (const input of ["fine", "hang here", "after"]) await caller.testing.cases.create({ projectId: project.id, name: input, input, expectations: { contains: [input] } });
    const { suiteRunId } = await caller.testing.suite.run({ projectId: project.id, versionId: version.id });
    const caseRun = async (name: string) => {
      const suite = await caller.testing.suite.get({ projectId: project.id, suiteRunId });
      return caller.testing.get({ projectId: project.id, runId: suite.cases.find((c) => c.caseName === name)!.runId });
    };
    const hanging = await caseRun("hang here");
    await until("the second case to be worked on", () => (streamed(hanging.id, "text") ? true : undefined));

    await runner.stop();

    assert.equal((await caseRun("fine")).status, "succeeded");
    const stopped = await caseRun("hang here");
    assert.deepEqual([stopped.status, stopped.error, stopped.output], ["error", STOPPED_DURING_RUN, "on hang here"]);
    const after = await caseRun("after");
    assert.equal(after.status, "error");
    assert.match(after.error ?? "", /^Not run: the suite was stopped during case 2 of 3 \(The platform was stopped during this run\)$/);
    const suite = await caller.testing.suite.get({ projectId: project.id, suiteRunId });
    assert.deepEqual([suite.status, suite.passed, suite.failed], ["done", 1, 2]);
  });
});

describe("a run waiting in line", { skip, timeout: 300_000 }, () => {
  test("is not closed as stale while the run ahead of it runs, however long ago both were created, and runs once its turn comes", async () => {
    const runner = useTestRunner(platform, { concurrency: 1 });
    const slow = await projectWith("slow", WAITING_AGENT);
    const next = await projectWith("next", QUICK_AGENT);
    const { runId: ahead } = await slow.caller.testing.run({ projectId: slow.project.id, versionId: slow.version.id, input: "go" });
    const { runId: waiting } = await next.caller.testing.run({ projectId: next.project.id, versionId: next.version.id, input: "go" });
    await until("the run ahead to work", () => (streamed(ahead, "text") ? true : undefined));
    // Both were created long ago (a long line); the one ahead started just now.
    await platform.db.update(testResults).set({ createdAt: new Date(Date.now() - 60 * 60_000) }).where(eq(testResults.id, ahead));
    await platform.db.update(testResults).set({ createdAt: new Date(Date.now() - 59 * 60_000) }).where(eq(testResults.id, waiting));

    await expireStaleRuns(platform.db);
    assert.equal((await slow.caller.testing.get({ projectId: slow.project.id, runId: ahead })).status, "running");
    assert.equal((await next.caller.testing.get({ projectId: next.project.id, runId: waiting })).status, "queued");

    assert.equal(await runner.deliverDecision(ahead, { approvalId: "release", decision: "approve" }), true);
    const done = await waitForRun(() => next.caller.testing.get({ projectId: next.project.id, runId: waiting }));
    assert.deepEqual([done.status, done.output], ["succeeded", "done"], done.error ?? "");
    const first = await waitForRun(() => slow.caller.testing.get({ projectId: slow.project.id, runId: ahead }));
    assert.deepEqual([first.status, first.output], ["succeeded", "released"], first.error ?? "");
  });
});
