/**
 * An eval suite's wall time: 20 cases (trajectory checks and all four judge evaluators, scored
 * by the mock judge) run against one version of the generated TypeScript agent on the mock
 * model, through the real router, sandbox runner and judge, from "run suite" to the last verdict
 * and the comparison query. The agent's dependencies are installed and built once beforehand.
 * The suite runs in one sandboxed agent process (run-suite), started once.
 */
import { overrideServices } from "../server/composition/root";
import { RuleBasedLanguageModel } from "../server/llm/rule-based";
import { createUser, startTestPlatform } from "../tests/helpers/platform";
import { storeGenerated, useTestRunner, waitForRun } from "../tests/sandbox/helpers";

const CASES = 20;

export async function run(): Promise<Record<string, number>> {
  const platform = await startTestPlatform();
  const runner = useTestRunner(platform);
  overrideServices(platform, { languageModel: new RuleBasedLanguageModel() });
  try {
    const { caller } = await createUser(platform, "bench-evals");
    const project = await caller.project.create({ name: "Bench evals" });
    const version = await storeGenerated(platform, project.id);
    // Warm: install and build the agent once (not timed).
    const warm = await caller.testing.run({ projectId: project.id, versionId: version.id, input: "List my notebooks" });
    await waitForRun(() => caller.testing.get({ projectId: project.id, runId: warm.runId }), 600_000);

    await caller.testing.cases.save({
      projectId: project.id,
      cases: Array.from({ length: CASES }, (_, i) => ({
        name: `case ${i + 1}`,
        input: i % 2 ? `List my notebooks (${i})` : `Say hello to case ${i}`,
        // Tool cases are judged on all four evaluators; the others on the two that need no tool results.
        expectations: i % 2
          ? { toolsInOrder: ["notebook"], toolCalled: "notebook", maxTurns: 3, judges: ["correctness", "helpfulness", "groundedness", "toolSelection"], reference: "I used notebook and it returned the notebooks." }
          : { maxTurns: 3, judges: ["correctness", "helpfulness"], reference: "This is the mock model answering." },
      })),
    });
    const t0 = performance.now();
    const { suiteRunId } = await caller.testing.suite.run({ projectId: project.id, versionId: version.id });
    const recordedMs = performance.now() - t0; // the 20 runs recorded and handed to the runner
    const suite = await waitForRun(async () => {
      const s = await caller.testing.suite.get({ projectId: project.id, suiteRunId });
      return { ...s, status: s.status === "done" ? "done" : "running" };
    }, 600_000);
    const compare = await caller.testing.suite.compare({ projectId: project.id });
    const wallMs = performance.now() - t0;
    const row = compare.versions[0]!;
    // The suite's one agent process says how long it took to start on its first case.
    const first = await caller.testing.get({ projectId: project.id, runId: suite.cases[0]!.runId });
    const started = first.events.map((e) => (e.type === "status" ? /agent process started in (\d+) ms/.exec(e.message)?.[1] : undefined)).find(Boolean);
    return {
      "eval suite: cases": CASES,
      "eval suite: wall time (ms, target <= 30000)": Math.round(wallMs),
      "eval suite: ms per case": Math.round(wallMs / CASES),
      "eval suite: suite.run answered (ms)": Math.round(recordedMs),
      "eval suite: agent process start (ms, once per suite)": started ? Number(started) : Number.NaN,
      "eval suite: agent time per case (ms, mean)": Math.round(row.latencyMsPerCase ?? Number.NaN),
      "eval suite: cases passed": suite.passed,
      "eval suite: score (0-100, mock judge)": Math.round(row.score ?? Number.NaN),
    };
  } finally {
    overrideServices(platform, "reset-model");
    await runner.idle();
    await platform.close();
  }
}
