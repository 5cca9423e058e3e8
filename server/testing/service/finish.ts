import type { Platform } from "../../platform/types";
import type { Registry } from "../../registry/load";
import { log } from "../../log";
import { publishEvent } from "../../realtime/publish";
import { evaluate } from "../evaluation";
import { getCase } from "../store/cases-repo";
import { getRun, markRunning, storeOutcome, storeVerdict } from "../store/runs-repo";
import { countVerdict } from "../store/suites-repo";
import type { RunOutcome, RunReporter } from "../types";
import { createEventStream } from "./event-stream";
import { runCostUsd } from "./run-cost";

/**
 * The end of every run, local or on AWS: the outcome stored once (with its cost), the verdict
 * when it is a suite case, then `testrun.finished` for the browser.
 */

export const RUN_STARTED = "testrun.started";
export const RUN_FINISHED = "testrun.finished";

export async function finishRun(p: Pick<Platform, "db" | "dynamo" | "events">, registry: Registry, projectId: string, runId: string, outcome: RunOutcome): Promise<void> {
  const cost = runCostUsd(outcome.model, outcome.tokensIn, outcome.tokensOut, registry);
  if (!(await storeOutcome(p.db, runId, outcome, cost))) return; // already finished: a repeated report
  const run = await getRun(p.db, projectId, runId);
  if (run.suiteRunId) {
    let passed = false;
    let checks: unknown[] = [{ kind: "succeeded", passed: false, detail: "the test case was deleted before its run finished" }];
    if (run.testCaseId) {
      const testCase = await getCase(p.db, projectId, run.testCaseId);
      const verdict = evaluate(testCase.expectations, { status: run.status, output: run.output, toolCalls: run.toolCalls, latencyTotalMs: run.latencyTotalMs });
      ({ passed, checks } = verdict);
    }
    await storeVerdict(p.db, runId, passed, checks);
    await countVerdict(p.db, run.suiteRunId, passed);
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
export function reporterFor(p: Pick<Platform, "db" | "dynamo" | "events">, registry: Registry, projectId: string, runId: string): RunReporter {
  const stream = createEventStream(p, projectId, runId);
  let running = false;
  return {
    event(e) {
      if (!running && e.type === "status" && e.phase !== "queued") {
        running = true;
        void markRunning(p.db, runId).catch((err: unknown) => log.warn("could not mark a test run running", { runId, error: String(err) }));
      }
      stream.push(e);
    },
    async finish(outcome) {
      await stream.close();
      await finishRun(p, registry, projectId, runId, outcome);
    },
  };
}
