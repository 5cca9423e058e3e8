import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalPlatform } from "../../server/platform/local";
import { RUN_LIMITS } from "../../server/test-runs/limits";
import { sandboxAvailable } from "../../server/test-runs/sandbox/host";
import { createUser } from "../helpers/platform";
import { scriptedAgent, startRunnerPlatform, storeScript, useTestRunner, waitForRun } from "../sandbox/helpers";

/**
 * A suite in one sandboxed agent process (dist/run-suite.js): the cases go in one after
 * another, each gets its own result; a line naming another case does not end a case; a
 * process that dies fails the running case and every later one with a reason, never a pass;
 * each case keeps a single run's wall-time limit.
 */

let platform: LocalPlatform;
let stop: () => Promise<void>;
const skip = !sandboxAvailable() && "needs bubblewrap and root";

before(async () => ({ platform, stop } = await startRunnerPlatform([])));
after(() => stop());

/** A scripted run-suite: answers each case with its process id and its position in the process. */
const SUITE_AGENT = `
const out = (e) => console.log(JSON.stringify(e));
let n = 0;
require("node:readline").createInterface({ input: process.stdin }).on("line", (line) => {
  const c = JSON.parse(line);
  const say = (e) => out({ ...e, case: c.case });
  n++;
  if (c.input.includes("crash")) { say({ type: "text", delta: "about to fail" }); process.exit(3); }
  if (c.input.includes("hang")) return;
  if (c.input.includes("spoof")) out({ type: "final", output: "spoofed", usage: { inputTokens: 1, outputTokens: 1 }, case: "run_someone_else" });
  say({ type: "tool_call", name: "lookup", input: { q: c.input } });
  say({ type: "tool_result", name: "lookup", output: "ok" });
  const answer = "pid " + process.pid + " case " + n + ": " + c.input;
  say({ type: "text", delta: answer });
  say({ type: "final", output: answer, usage: { inputTokens: 10, outputTokens: 5 } });
});
out({ type: "ready" });`;

/** Cases with `inputs` run as a suite against a version of a scripted agent with `extraFiles` (default: SUITE_AGENT as its run-suite), done. */
async function suiteOf(name: string, inputs: string[], extraFiles: Record<string, string> = { "dist/run-suite.js": SUITE_AGENT }, onVersion: (blobKey: string) => void = () => undefined) {
  const { caller } = await createUser(platform, name);
  const project = await caller.project.create({ name });
  const version = await storeScript(platform, project.id, scriptedAgent('"not used"'), extraFiles);
  onVersion(version.blobKey);
  for (const input of inputs) await caller.testing.cases.create({ projectId: project.id, name: input, input, expectations: { toolCalled: "lookup" } });
  const { suiteRunId } = await caller.testing.suite.run({ projectId: project.id, versionId: version.id });
  const suite = await waitForRun(async () => {
    const s = await caller.testing.suite.get({ projectId: project.id, suiteRunId });
    return { ...s, status: s.status === "done" ? "done" : "running" };
  });
  const runOf = async (input: string) => caller.testing.get({ projectId: project.id, runId: suite.cases.find((c) => c.caseName === input)!.runId });
  return { suite, runOf };
}

describe("a suite in one agent process", { skip, timeout: 300_000 }, () => {
  test("the cases run one after another in one process, each with its own result; a line naming another case is only a log", async () => {
    const { suite, runOf } = await suiteOf("suite-one-process", ["first spoof", "second"]);
    assert.deepEqual([suite.passed, suite.failed], [2, 0]);
    const [first, second] = [await runOf("first spoof"), await runOf("second")];
    const pid = (output: string) => /^pid (\d+) /.exec(output)?.[1];
    assert.match(first.output, /^pid \d+ case 1: first spoof$/);
    assert.match(second.output, /^pid \d+ case 2: second$/);
    assert.equal(pid(first.output), pid(second.output), "one process served both cases");
    assert.deepEqual([first.toolCalls, second.toolCalls], [[{ name: "lookup", input: { q: "first spoof" }, output: "ok" }], [{ name: "lookup", input: { q: "second" }, output: "ok" }]]);
    assert.match(first.logsExcerpt, /run_someone_else/, "the spoofed final is kept as a log of the case that printed it");
    assert.ok(first.latencyTotalMs !== null && second.latencyTotalMs !== null);
  });

  test("a process that dies mid-suite fails the running case and every later case with the reason", async () => {
    const { suite, runOf } = await suiteOf("suite-crash", ["fine", "crash now", "after"]);
    assert.deepEqual([suite.passed, suite.failed], [1, 2]);
    assert.equal((await runOf("fine")).status, "succeeded");
    const crashed = await runOf("crash now");
    assert.equal(crashed.status, "failed");
    assert.match(crashed.error ?? "", /exited with code 3 without a final answer/);
    assert.equal(crashed.output, "about to fail");
    const later = await runOf("after");
    assert.equal(later.status, "failed");
    assert.match(later.error ?? "", /^Not run: the suite's agent process ended during case 2 of 3 \(failed: The agent exited with code 3/);
    assert.equal(suite.cases.find((c) => c.caseName === "after")!.passed, false);
  });

  test("a suite reads its version's files once, whether its cases run in one process or one by one", async () => {
    for (const extraFiles of [{ "dist/run-suite.js": SUITE_AGENT }, {}] as Record<string, string>[]) {
      const blobs = platform.blobs;
      const get = blobs.get;
      let fileSet = "";
      let reads = 0;
      blobs.get = (key) => ((reads += key === fileSet ? 1 : 0), get.call(blobs, key));
      try {
        const { suite } = await suiteOf("suite-reads", ["one", "two", "three"], extraFiles, (key) => (fileSet = key));
        assert.equal(suite.cases.length, 3);
      } finally {
        blobs.get = get;
      }
      assert.equal(reads, 1, `read ${reads} times ${"dist/run-suite.js" in extraFiles ? "in one process" : "case by case"}`);
    }
  });

  test("each case keeps a single run's wall-time limit", async () => {
    // Replaces the platform's runner from here on; each test waits until its suite is done, so no runner is left busy.
    useTestRunner(platform, { limits: { ...RUN_LIMITS, wallMs: 5_000 } });
    const { suite, runOf } = await suiteOf("suite-hang", ["fine", "hang here", "after"]);
    assert.deepEqual([suite.passed, suite.failed], [1, 2]);
    const hung = await runOf("hang here");
    assert.equal(hung.status, "timeout");
    assert.match(hung.error ?? "", /wall-time limit of 5 s/);
    assert.match((await runOf("after")).error ?? "", /ended during case 2 of 3 \(timeout: /);
  });
});
