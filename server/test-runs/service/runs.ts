import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { DomainError } from "../../errors";
import { createId } from "../../ids";
import type { Platform } from "../../platform/types";
import type { LanguageModel } from "../../llm/types";
import type { ProjectFiles } from "../../generation/types";
import type { Registry } from "../../registry/load";
import { publishEvent } from "../../realtime/publish";
import { getOwnedProject, ProjectId } from "../../projects/service";
import { getVersion, readVersionFiles, type Version } from "../../versions/service";
import { MAX_INPUT_CHARS } from "../limits";
import { getRun, insertRun, listRuns, type RunDetail } from "../store/runs-repo";
import type { ModelServed, SuiteRun, TestRunner } from "../types";
import { finishDeps, reporterFor, RUN_STARTED } from "./finish";
import { agentModelOf } from "./run-cost";

/** Test runs of a project's versions: start, re-run, list, view, compare. */

export type TestingDeps = { platform: Platform; runner: TestRunner; registry: Registry; languageModel: LanguageModel };

export const VersionId = z.string().regex(/^ver_[0-9a-z]{26}$/, "is not a version id");
export const RunId = z.string().regex(/^run_[0-9a-z]{26}$/, "is not a run id");
export const RunText = z.string().trim().min(1, "is required").max(MAX_INPUT_CHARS, `must be at most ${MAX_INPUT_CHARS} characters`);
export const RunInput = z.object({ projectId: ProjectId, versionId: VersionId, input: RunText });
export type RunInput = z.infer<typeof RunInput>;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Starts a run and returns its id at once; the run goes on in the background (locally) or in
 * a runner task (AWS) and streams `testrun.event`s. Another user's project or version is
 * NOT_FOUND; the input is checked here too, so every caller gets the same rule.
 */
export async function startRun(d: TestingDeps, userId: string, input: RunInput, link: { suiteRunId?: string; testCaseId?: string } = {}): Promise<{ runId: string }> {
  const { projectId, versionId, input: text } = RunInput.parse(input);
  await getOwnedProject(d.platform.db, userId, projectId);
  const target = await runTarget(d, projectId, versionId);
  const run = await newRun(d, target, text, link);
  await d.runner.start(run.job, run.reporter, run.files);
  return { runId: run.job.runId };
}

/** What runs of a version need: the version, its files (read once for all its runs), and the model its agent will be served by. */
export type RunTarget = { projectId: string; version: Version; files: ProjectFiles; agentModelId: string | null; model: ModelServed };

/** The target of runs of a version the caller owns (checked by the caller). */
export async function runTarget(d: TestingDeps, projectId: string, versionId: string): Promise<RunTarget> {
  const version = await getVersion(d.platform.db, projectId, versionId);
  const files = await readVersionFiles(d.platform, version);
  const agentModelId = agentModelOf(files);
  return { projectId, version, files, agentModelId, model: await d.runner.modelFor(agentModelId) };
}

/** A run recorded (queued) and announced, with its job and reporter, not yet given to the runner. */
export async function newRun(d: TestingDeps, t: RunTarget, text: string, link: { suiteRunId?: string; testCaseId?: string }): Promise<SuiteRun> {
  const runId = createId("run");
  const reportToken = randomBytes(32).toString("base64url");
  const { projectId, version } = t;
  await insertRun(d.platform.db, { id: runId, projectId, versionId: version.id, input: text, modelUsed: t.model.label, ...link, reportTokenHash: hashToken(reportToken) });
  await publishEvent(d.platform, projectId, RUN_STARTED, { runId, versionId: version.id, input: text, model: t.model, suiteRunId: link.suiteRunId ?? null });
  const job = { runId, projectId, versionId: version.id, contentHash: version.contentHash, blobKey: version.blobKey, zipBlobKey: version.zipBlobKey, input: text, agentModelId: t.agentModelId, reportToken };
  return { job, reporter: reporterFor(d.platform, finishDeps(d), projectId, runId), files: t.files };
}

/** Runs the same input against the same version again. */
export async function rerun(d: TestingDeps, userId: string, projectId: string, runId: string): Promise<{ runId: string }> {
  await getOwnedProject(d.platform.db, userId, projectId);
  const run = await getRun(d.platform.db, projectId, runId);
  if (!run.versionId) throw new DomainError("conflict", "The version this run used no longer exists");
  return startRun(d, userId, { projectId, versionId: run.versionId, input: run.input });
}

export async function listProjectRuns(p: Platform, userId: string, projectId: string, versionId?: string) {
  await getOwnedProject(p.db, userId, projectId);
  // A query never writes: stale runs are closed by the web process's sweep (server/local/web-sweep.ts).
  return listRuns(p.db, projectId, { versionId, limit: 50 });
}

export async function getProjectRun(p: Platform, userId: string, projectId: string, runId: string): Promise<RunDetail> {
  await getOwnedProject(p.db, userId, projectId);
  return getRun(p.db, projectId, runId);
}

const delta = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);

/** Two runs side by side, with the differences that matter (b minus a). */
export async function compareRuns(p: Platform, userId: string, projectId: string, a: string, b: string) {
  await getOwnedProject(p.db, userId, projectId);
  const [left, right] = await Promise.all([getRun(p.db, projectId, a), getRun(p.db, projectId, b)]);
  const tools = (r: RunDetail) => r.toolCalls.map((c) => c.name);
  return {
    a: left,
    b: right,
    diff: {
      sameOutput: left.output === right.output,
      sameTools: JSON.stringify(tools(left)) === JSON.stringify(tools(right)),
      latencyFirstTokenMs: delta(left.latencyFirstTokenMs, right.latencyFirstTokenMs),
      latencyTotalMs: delta(left.latencyTotalMs, right.latencyTotalMs),
      tokensIn: delta(left.tokensIn, right.tokensIn),
      tokensOut: delta(left.tokensOut, right.tokensOut),
      costUsd: delta(left.costUsd, right.costUsd),
    },
  };
}
