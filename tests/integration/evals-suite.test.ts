import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, test } from "node:test";
import type { TRPCError } from "@trpc/server";
import { overrideServices } from "../../server/composition/root";
import { createModification, getModification } from "../../server/dynamo/modification-repo";
import { createId } from "../../server/ids";
import { RuleBasedLanguageModel } from "../../server/llm/rule-based";
import type { LocalPlatform } from "../../server/platform/local";
import { artifactsOf } from "../../server/modifications/workers/artifacts";
import type { LocalTestRunner } from "../../server/test-runs/local-runner";
import { sandboxAvailable } from "../../server/test-runs/sandbox/host";
import { storeVersion } from "../../server/versions/service";
import { createUser, startTestPlatform } from "../helpers/platform";
import { useTestRunner, waitForRun } from "../sandbox/helpers";

/**
 * Evaluations end to end on real sandboxed runs: trajectory checks and mock-judge scores per
 * case, versions side by side, and a seeded regression marked by the gate (in the comparison
 * and in the QA record of the modification that produced the version).
 */

let platform: LocalPlatform;
let runner: LocalTestRunner;
const code = (e: unknown) => (e as TRPCError).code;
const skip = !sandboxAvailable() && "needs bubblewrap and root";

before(async () => {
  platform = await startTestPlatform();
  runner = useTestRunner(platform);
  overrideServices(platform, { languageModel: new RuleBasedLanguageModel() }); // offline: the mock judge scores
});
after(async () => {
  overrideServices(platform, "reset-model");
  await runner?.idle();
  await platform.close();
});

/** A scripted agent: searches, then books (two rounds), answering from the search result. */
const agent = (answer: string, tools: string[]) => `
const out = (e) => console.log(JSON.stringify(e));
for (const t of ${JSON.stringify(tools)}) { out({ type: "tool_call", name: t, input: {} }); out({ type: "tool_result", name: t, output: "Flight BA117 to New York departs at 09:40." }); }
for (const w of ${JSON.stringify(answer)}.split(" ")) out({ type: "text", delta: w + " " });
out({ type: "final", output: ${JSON.stringify(answer)}, usage: { inputTokens: 120, outputTokens: 30 } });`;

async function storeAgent(projectId: string, source: string, modificationId?: string) {
  const files = new Map<string, string>(Object.entries({ "package.json": JSON.stringify({ name: "scripted", version: "1.0.0" }), "dist/run-once.js": source, "agent-spec.json": JSON.stringify({ model: { id: "amazon.nova-pro-v1:0" } }) }));
  const hash = createHash("sha256").update(JSON.stringify([...files])).digest("hex");
  return storeVersion(platform, { projectId, spec: { source }, generated: { files, contentHash: hash, templateVersion: "test", notes: [], requiredIam: [] }, verification: null, modificationId });
}

async function waitFor<T>(read: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    const value = await read();
    if (value !== undefined) return value;
  }
  throw new Error("timed out waiting");
}

describe("evaluations on suite runs", { skip, timeout: 300_000 }, () => {
  test("trajectory and judge checks per case; versions compared; a seeded regression is marked in the comparison and QA", async () => {
    const { caller, user } = await createUser(platform, "evals");
    const project = await caller.project.create({ name: "Evals" });
    const reference = "Flight BA117 to New York departs at 09:40.";
    await caller.testing.cases.save({ projectId: project.id, cases: [
      { name: "books after searching", input: "Book me the morning flight to New York", expectations: { toolsInOrder: ["search", "book"], forbiddenTools: ["shell"], maxTurns: 3, judges: ["correctness", "groundedness", "toolSelection"], reference } },
      { name: "answers the question", input: "When does the New York flight depart?", expectations: { judges: ["helpfulness", "correctness"], reference } },
    ] });
    const modification = await createModification(platform.dynamo, { modificationId: createId("modification"), projectId: project.id, ownerId: user.id, request: "worse", status: "done" });
    const v1 = await storeAgent(project.id, agent(reference, ["search", "book"]));
    const v2 = await storeAgent(project.id, agent("I am not sure.", ["shell", "book", "search"]), modification.modificationId);

    const runSuite = async (versionId: string) => {
      const { suiteRunId } = await caller.testing.suite.run({ projectId: project.id, versionId });
      return waitForRun(async () => {
        const s = await caller.testing.suite.get({ projectId: project.id, suiteRunId });
        return { ...s, status: s.status === "done" ? "done" : "running" };
      });
    };
    type C = { kind: string; passed: boolean; detail: string; score?: number | null; judge?: string; evaluator?: string };
    const good = await runSuite(v1.id);
    // A run that did not succeed says why (status, error, logs), so a failure here can be read from CI's log.
    const whyNot = async (suite: typeof good) =>
      JSON.stringify(await Promise.all(suite.cases.filter((c) => c.status !== "succeeded").map(async (c) => {
        const run = await caller.testing.get({ projectId: project.id, runId: c.runId });
        return { case: c.caseName, status: run.status, error: run.error, logs: run.logsExcerpt };
      })));
    assert.deepEqual([good.passed, good.failed], [2, 0], await whyNot(good));
    const goodChecks = good.cases.find((c) => c.caseName === "books after searching")!.checks as C[];
    assert.deepEqual(goodChecks.filter((c) => c.kind !== "judge").map((c) => [c.kind, c.passed]), [["succeeded", true], ["toolsInOrder", true], ["forbiddenTools", true], ["maxTurns", true]]);
    assert.deepEqual(goodChecks.filter((c) => c.kind === "judge").map((c) => [c.evaluator, c.score, c.judge]), [["correctness", 5, "mock judge"], ["groundedness", 5, "mock judge"], ["toolSelection", 5, "mock judge"]]);

    const bad = await runSuite(v2.id);
    assert.deepEqual([bad.passed, bad.failed], [0, 2]);
    const badChecks = bad.cases.find((c) => c.caseName === "books after searching")!.checks as C[];
    assert.deepEqual(badChecks.filter((c) => !c.passed).map((c) => c.kind), ["toolsInOrder", "forbiddenTools", "maxTurns", "judge", "judge", "judge"], await whyNot(bad));
    assert.match(badChecks.find((c) => c.kind === "maxTurns")!.detail, /^4 model turns ≤ 3$/);

    const { margin, versions } = await caller.testing.suite.compare({ projectId: project.id });
    assert.equal(margin, 5);
    assert.deepEqual(versions.map((v) => [v.version, v.passRate, v.gate.regressed]), [[1, 1, false], [2, 0, true]]);
    const [r1, r2] = versions;
    // Case 1 scores 100; case 2: succeeded 100, correctness 5/5 = 100, helpfulness 4/5 = 75 (the answer takes up half the question's words).
    assert.equal(r1!.score, (100 + (100 + 100 + 75) / 3) / 2);
    assert.ok(r2!.score! < 60, `v2 scored ${r2!.score}`);
    assert.equal(r2!.gate.baselineVersion, 1);
    assert.equal(r2!.gate.drop, r1!.score! - r2!.score!);
    assert.deepEqual(r1!.evaluators.correctness, { mean: 5, scored: 2, notScored: 0 });
    assert.deepEqual(r1!.judges, ["mock judge"]);
    assert.deepEqual([r1!.tokensInPerCase, r1!.tokensOutPerCase], [120, 30]);
    assert.ok(r1!.costUsdPerCase! > 0, "priced at the agent's own model");
    assert.ok(r1!.latencyMsPerCase! > 0);

    // QA's record of the modification that produced v2 carries the gate (written just after the last verdict closes the suite).
    const gate = await waitFor(async () => artifactsOf((await getModification(platform.dynamo, modification.modificationId))!).evalGate);
    assert.deepEqual([gate.versionId, gate.regressed, gate.baselineVersion, gate.margin], [v2.id, true, 1, 5]);

    const other = await createUser(platform, "intruder");
    await assert.rejects(other.caller.testing.suite.compare({ projectId: project.id }), (e) => code(e) === "NOT_FOUND");
  });
});
