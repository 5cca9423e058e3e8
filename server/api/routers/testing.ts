import { z } from "zod";
import { ProjectId } from "../../projects/service";
import { acceptRunnerReport, runnerDecisions, runnerJob } from "../../test-runs/remote/reports";
import { decideApproval, DecideApprovalInput } from "../../test-runs/service/approvals";
import { RunnerJobInput, RunnerReportInput } from "../../test-runs/remote/schema";
import { finishDeps } from "../../test-runs/service/finish";
import { describeRunModel } from "../../test-runs/service/run-model";
import { compareRuns, getProjectRun, listProjectRuns, rerun, RunId, RunInput, startRun, VersionId } from "../../test-runs/service/runs";
import { compareProjectVersions } from "../../test-runs/service/compare-versions";
import { saveCases, SaveCasesInput } from "../../test-runs/service/save-cases";
import { synthesizeCases, SynthesizeInput } from "../../test-runs/synthesis";
import { CaseId, createCase, CreateCaseInput, deleteProjectCase, getProjectSuite, listProjectCases, projectSuiteHistory, runSuite, SuiteRunId } from "../../test-runs/service/suite";
import type { Context } from "../trpc";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../trpc";

const deps = (ctx: Context) => ({ platform: ctx.platform, runner: ctx.services.testRunner, registry: ctx.services.registry, languageModel: ctx.services.languageModel });
const ProjectInput = z.object({ projectId: ProjectId });
const RunRef = ProjectInput.extend({ runId: RunId });

export const testingRouter = createTRPCRouter({
  /** The model the next run would use (the mock is labelled) and whether runs can start here. */
  model: protectedProcedure.input(ProjectInput.extend({ versionId: VersionId.optional() })).query(({ ctx, input }) => describeRunModel(deps(ctx), ctx.userId, input.projectId, input.versionId)),
  /** Starts a run of a version with one input; returns its id at once, output streams as `testrun.event`. */
  run: protectedProcedure.input(RunInput).mutation(({ ctx, input }) => startRun(deps(ctx), ctx.userId, input)),
  rerun: protectedProcedure.input(RunRef).mutation(({ ctx, input }) => rerun(deps(ctx), ctx.userId, input.projectId, input.runId)),
  list: protectedProcedure.input(ProjectInput.extend({ versionId: VersionId.optional() })).query(({ ctx, input }) => listProjectRuns(ctx.platform, ctx.userId, input.projectId, input.versionId)),
  get: protectedProcedure.input(RunRef).query(({ ctx, input }) => getProjectRun(ctx.platform, ctx.userId, input.projectId, input.runId)),
  compare: protectedProcedure.input(ProjectInput.extend({ a: RunId, b: RunId })).query(({ ctx, input }) => compareRuns(ctx.platform, ctx.userId, input.projectId, input.a, input.b)),
  /** Approves or denies a tool call the running agent waits on; the run goes on. Decided or expired → CONFLICT. */
  decideApproval: protectedProcedure.input(DecideApprovalInput).mutation(({ ctx, input }) => decideApproval(deps(ctx), ctx.userId, input)),

  cases: createTRPCRouter({
    create: protectedProcedure.input(CreateCaseInput).mutation(({ ctx, input }) => createCase(ctx.platform, ctx.userId, input)),
    list: protectedProcedure.input(ProjectInput).query(({ ctx, input }) => listProjectCases(ctx.platform, ctx.userId, input.projectId)),
    delete: protectedProcedure.input(ProjectInput.extend({ caseId: CaseId })).mutation(({ ctx, input }) => deleteProjectCase(ctx.platform, ctx.userId, input.projectId, input.caseId)),
    /** Proposes cases from the spec's use case, tools and guardrails (the model, or offline from the spec); saves nothing. */
    synthesize: protectedProcedure.input(SynthesizeInput).mutation(({ ctx, input }) => synthesizeCases(deps(ctx), ctx.userId, input)),
    /** Saves reviewed cases all at once, or none. */
    save: protectedProcedure.input(SaveCasesInput).mutation(({ ctx, input }) => saveCases(ctx.platform, ctx.userId, input)),
  }),

  suite: createTRPCRouter({
    /** Runs every test case of the project against a version; each run is judged as it ends. */
    run: protectedProcedure.input(ProjectInput.extend({ versionId: VersionId })).mutation(({ ctx, input }) => runSuite(deps(ctx), ctx.userId, input.projectId, input.versionId)),
    get: protectedProcedure.input(ProjectInput.extend({ suiteRunId: SuiteRunId })).query(({ ctx, input }) => getProjectSuite(ctx.platform, ctx.userId, input.projectId, input.suiteRunId)),
    /** Pass rate of each version's latest suite run, oldest version first. */
    history: protectedProcedure.input(ProjectInput).query(({ ctx, input }) => projectSuiteHistory(ctx.platform, ctx.userId, input.projectId)),
    /** Versions side by side by their latest suite: pass rate, score per evaluator, latency, tokens, cost per case, regression gate. */
    compare: protectedProcedure.input(ProjectInput).query(({ ctx, input }) => compareProjectVersions(ctx.platform, ctx.userId, input.projectId)),
  }),

  /** For ECS runner tasks (aws mode), authenticated by the run's one-time token, not a session. */
  runner: createTRPCRouter({
    job: publicProcedure.input(RunnerJobInput).mutation(({ ctx, input }) => runnerJob(ctx.platform, input)),
    /** Decisions taken on the run's pending approvals (the task hands them to its agent). */
    decisions: publicProcedure.input(RunnerJobInput).query(({ ctx, input }) => runnerDecisions(ctx.platform, input)),
    report: publicProcedure.input(RunnerReportInput).mutation(({ ctx, input }) => acceptRunnerReport(ctx.platform, finishDeps(ctx.services), input)),
  }),
});
