import { z } from "zod";
import { DomainError } from "../../errors";
import { createId } from "../../ids";
import type { Platform } from "../../platform/types";
import { getOwnedProject, ProjectId } from "../../projects/service";
import { Expectations } from "../evaluation";
import { deleteCase, insertCase, listCases } from "../store/cases-repo";
import { countVerdict, getSuiteRun, insertSuiteRun, suiteCaseResults, suiteHistory } from "../store/suites-repo";
import type { SuiteRun } from "../types";
import { newRun, RunText, runTarget, VersionId, type TestingDeps } from "./runs";

/** Test cases of a project and suite runs of them against a version (pass rate per version). */

export const MAX_CASES = 50;
export const CaseId = z.string().regex(/^tc_[0-9a-z]{26}$/, "is not a test case id");
export const SuiteRunId = z.string().regex(/^sr_[0-9a-z]{26}$/, "is not a suite run id");
export const CreateCaseInput = z.object({ projectId: ProjectId, name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"), input: RunText, expectations: Expectations });
export type CreateCaseInput = z.infer<typeof CreateCaseInput>;

export async function createCase(p: Platform, userId: string, input: CreateCaseInput) {
  const c = CreateCaseInput.parse(input);
  await getOwnedProject(p.db, userId, c.projectId);
  if ((await listCases(p.db, c.projectId)).length >= MAX_CASES) throw new DomainError("conflict", `A project can have at most ${MAX_CASES} test cases`);
  return insertCase(p.db, { id: createId("testCase"), projectId: c.projectId, name: c.name, input: c.input, expectations: c.expectations });
}

export async function listProjectCases(p: Platform, userId: string, projectId: string) {
  await getOwnedProject(p.db, userId, projectId);
  return listCases(p.db, projectId);
}

export async function deleteProjectCase(p: Platform, userId: string, projectId: string, caseId: string) {
  await getOwnedProject(p.db, userId, projectId);
  await deleteCase(p.db, projectId, caseId);
}

/**
 * Runs every test case against a version; each run is judged as it finishes. The runs are
 * recorded first and handed to the runner together (locally: one agent process for the suite).
 */
export async function runSuite(d: TestingDeps, userId: string, projectId: string, versionId: string): Promise<{ suiteRunId: string; total: number; runIds: string[] }> {
  VersionId.parse(versionId);
  await getOwnedProject(d.platform.db, userId, projectId);
  const target = await runTarget(d, projectId, versionId);
  const cases = await listCases(d.platform.db, projectId);
  if (cases.length === 0) throw new DomainError("invalid", "Add a test case before running the suite");
  const suiteRunId = createId("suiteRun");
  await insertSuiteRun(d.platform.db, { id: suiteRunId, projectId, versionId, total: cases.length });
  const runs: SuiteRun[] = [];
  let handed = 0;
  try {
    for (const c of cases) runs.push(await newRun(d, target, RunText.parse(c.input), { suiteRunId, testCaseId: c.id }));
    // All the suite's runs are of one version (runTarget): a runner that can, runs them in one process.
    if (await d.runner.startSuite?.(runs)) handed = runs.length;
    else {
      for (const r of runs) {
        await d.runner.start(r.job, r.reporter, r.files);
        handed++;
      }
    }
  } catch (e) {
    // Cases that never reached the runner count as failed, so the suite closes instead of "running" forever.
    for (let rest = handed; rest < cases.length; rest++) await countVerdict(d.platform.db, suiteRunId, false);
    throw e;
  }
  return { suiteRunId, total: cases.length, runIds: runs.map((r) => r.job.runId) };
}

export async function getProjectSuite(p: Platform, userId: string, projectId: string, suiteRunId: string) {
  await getOwnedProject(p.db, userId, projectId);
  const suite = await getSuiteRun(p.db, projectId, suiteRunId);
  return { ...suite, cases: await suiteCaseResults(p.db, suiteRunId) };
}

/** The pass rate of each version's latest suite run, oldest version first. */
export async function projectSuiteHistory(p: Platform, userId: string, projectId: string) {
  await getOwnedProject(p.db, userId, projectId);
  return suiteHistory(p.db, projectId);
}
