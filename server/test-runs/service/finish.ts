import type { Platform } from "../../platform/types";
import type { Registry } from "../../registry/load";
import { log } from "../../log";
import { publishEvent } from "../../realtime/publish";
import { evaluateCase } from "../evaluate-case";
import type { LanguageModel } from "../../llm/types";
import { judgeFor, type Judge } from "../judge";
import { trackApprovalEvent } from "../store/approvals-repo";
import { getCase } from "../store/cases-repo";
import { getRun, markRunning, storeOutcome, storeVerdict } from "../store/runs-repo";
import { countVerdict, getSuiteRun } from "../store/suites-repo";
import { recordEvalGate } from "../../modifications/workers/step-qa-evals";
import type { RunOutcome, RunReporter } from "../types";
import { createEventStream } from "./event-stream";
import { runCostUsd } from "./run-cost";

/**
 * The end of every run, local or on AWS: the outcome stored once (with its cost), the verdict
 * when it is a suite case, then `testrun.finished` for the browser.
 */

export const RUN_STARTED = "testrun.started";
export const RUN_FINISHED = "testrun.finished";

/** What finishing a run needs besides the platform: prices for its cost, and the judge of its case. */
export type FinishDeps = { registry: Registry; judge: Judge };

/** The judge is the configured model when it gives structured answers, else the labelled mock judge. */
export const finishDeps = (s: { registry: Registry; languageModel: LanguageModel }): FinishDeps => ({ registry: s.registry, judge: judgeFor(s.languageModel) });

export async function finishRun(p: Pick<Platform, "db" | "dynamo" | "events">, deps: FinishDeps, projectId: string, runId: string, outcome: RunOutcome): Promise<void> {
  const cost = runCostUsd(outcome.model, outcome.tokensIn, outcome.tokensOut, deps.registry);
  if (!(await storeOutcome(p.db, runId, outcome, cost))) return; // already finished: a repeated report
  const run = await getRun(p.db, projectId, runId);
  if (run.suiteRunId) {
    let passed = false;
    let checks: unknown[] = [{ kind: "succeeded", passed: false, detail: "the test case was deleted before its run finished" }];
    if (run.testCaseId) {
      const testCase = await getCase(p.db, projectId, run.testCaseId);
      // The judge is the configured model, or the mock judge offline; it is only asked when the case names evaluators.
      const verdict = await evaluateCase(testCase.expectations, run, deps.judge);
      ({ passed, checks } = verdict);
    }
    await storeVerdict(p.db, runId, passed, checks);
    await countVerdict(p.db, run.suiteRunId, passed);
    // The last verdict closes the suite: QA's regression gate is recorded for the version then.
    if (run.versionId && (await getSuiteRun(p.db, projectId, run.suiteRunId)).status === "done") {
      await recordEvalGate(p, projectId, run.versionId).catch((e: unknown) => log.warn("eval gate failed", { runId, error: String(e) }));
    }
  }
  await publishEvent(p, projectId, RUN_FINISHED, {
    runId,
    suiteRunId: run.suiteRunId,
    status: outcome.status,
    error: outcome.error,
    model: outcome.model,
    latencyFirstTokenMs: outcome.firstTokenMs,
    latencyTotalMs: outcome.totalMs,
    tokensIn: outcome.tokensIn,
    tokensOut: outcome.tokensOut,
    costUsd: cost,
  });
}

/** Streams a run's events live and finishes it; what runners report to. */
export function reporterFor(p: Pick<Platform, "db" | "dynamo" | "events">, deps: FinishDeps, projectId: string, runId: string): RunReporter {
  const stream = createEventStream(p, projectId, runId);
  let running = false;
  // An approval is recorded before the browser sees it, so its Approve button never races the record.
  let inOrder = Promise.resolve();
  return {
    event(e) {
      if (!running && e.type === "status" && e.phase !== "queued") {
        running = true;
        void markRunning(p.db, runId).catch((err: unknown) => log.warn("could not mark a test run running", { runId, error: String(err) }));
      }
      inOrder = inOrder.then(() => trackApprovalEvent(p.db, runId, e)).then(() => stream.push(e));
    },
    async finish(outcome) {
      await inOrder;
      await stream.close();
      await finishRun(p, deps, projectId, runId, outcome);
    },
  };
}
