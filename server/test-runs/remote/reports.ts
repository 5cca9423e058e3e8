import { timingSafeEqual } from "node:crypto";
import { DomainError } from "../../errors";
import type { Platform } from "../../platform/types";
import { getVersion } from "../../versions/service";
import { createEventStream } from "../service/event-stream";
import { finishRun, type FinishDeps } from "../service/finish";
import { hashToken } from "../service/runs";
import { decidedApprovals, trackApprovalEvent } from "../store/approvals-repo";
import { markRunning, runForReport } from "../store/runs-repo";
import type { RunEvent } from "../types";
import { asOutcome, RunnerReportInput } from "./schema";

/**
 * The app's side of an ECS runner task (aws mode): the task has no database, so it fetches
 * its job and posts its events and outcome here, authenticated by the run's one-time token
 * (only its hash is stored). Events go out through the same publishEvent path as local runs.
 */

async function authorised(p: Pick<Platform, "db">, runId: string, token: string) {
  const run = await runForReport(p.db, runId);
  const given = Buffer.from(hashToken(token));
  // Unknown run and wrong token look the same to the caller.
  if (!run?.tokenHash || given.length !== run.tokenHash.length || !timingSafeEqual(given, Buffer.from(run.tokenHash))) {
    throw new DomainError("unauthorized", "Unknown run or bad runner token");
  }
  return run;
}

/** How long the runner may use the URL of its version's ZIP (it fetches it right after asking). */
const ZIP_URL_SECONDS = 600;

/**
 * What the runner task needs to start: the input and a short-lived URL of its own version's
 * ZIP. The task role has no read access to the bucket at all, so this URL is the only object
 * the task (and the agent in it) can read.
 */
export async function runnerJob(p: Pick<Platform, "db" | "blobs">, input: { runId: string; token: string }) {
  const run = await authorised(p, input.runId, input.token);
  if (run.status !== "queued" && run.status !== "running") throw new DomainError("conflict", "This run has already finished");
  if (!run.versionId) throw new DomainError("conflict", "The version of this run no longer exists");
  const version = await getVersion(p.db, run.projectId, run.versionId);
  if (!version.zipBlobKey) throw new DomainError("conflict", "The version of this run has no ZIP");
  return { runId: input.runId, input: run.input, zipUrl: await p.blobs.readUrl(version.zipBlobKey, ZIP_URL_SECONDS) };
}

export async function acceptRunnerReport(p: Pick<Platform, "db" | "dynamo" | "events">, deps: FinishDeps, raw: RunnerReportInput): Promise<{ accepted: number; finished: boolean }> {
  const input = RunnerReportInput.parse(raw);
  const run = await authorised(p, input.runId, input.token);
  if (run.status !== "queued" && run.status !== "running") return { accepted: 0, finished: true };
  if (input.events.some((e) => e.type === "status" && e.phase !== "queued")) await markRunning(p.db, input.runId);
  const stream = createEventStream(p, run.projectId, input.runId, 0);
  for (const e of input.events) {
    await trackApprovalEvent(p.db, input.runId, e as RunEvent);
    stream.push(e as RunEvent);
  }
  await stream.close();
  if (input.outcome) await finishRun(p, deps, run.projectId, input.runId, asOutcome(input.outcome));
  return { accepted: input.events.length, finished: !!input.outcome };
}

/** The decisions people took on this run's approvals; the runner task polls them while its agent waits. */
export async function runnerDecisions(p: Pick<Platform, "db">, input: { runId: string; token: string }) {
  await authorised(p, input.runId, input.token);
  return { decisions: await decidedApprovals(p.db, input.runId) };
}
