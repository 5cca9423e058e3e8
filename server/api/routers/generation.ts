import { z } from "zod";
import { requestModification } from "../../modifications/workers/lifecycle";
import { describeModification } from "../../modifications/workers/queries";
import { getOwnedProject, ProjectRef } from "../../projects/service";
import { specForGeneration } from "../../spec/draft";
import { diffVersions, downloadVersion, getVersionWithFiles } from "../../versions/queries";
import { listVersions } from "../../versions/service";
import { createTRPCRouter, protectedProcedure } from "../trpc";

const ProjectIdInput = z.object({ projectId: ProjectRef.shape.id });
const VersionId = z.string().regex(/^ver_[0-9a-z]{26}$/, "is not a version id");

export const generationRouter = createTRPCRouter({
  /**
   * Generates a version from the given spec or the project's draft, through the same
   * PM → Dev → QA → Ops pipeline as every change, so nothing unverified becomes a version.
   * An incomplete spec, or a required tool setting still open, is refused up front with the fields named.
   */
  generate: protectedProcedure.input(ProjectIdInput.extend({ spec: z.unknown().optional() })).mutation(async ({ ctx, input }) => {
    await getOwnedProject(ctx.platform.db, ctx.userId, input.projectId);
    const spec = await specForGeneration({ dynamo: ctx.platform.dynamo, tools: ctx.services.registry.tools }, input.projectId, ctx.userId, input.spec);
    const m = await requestModification(ctx.platform, ctx.userId, { projectId: input.projectId, request: "Generate the project from its spec", kind: "generate", spec });
    return describeModification(m);
  }),
  listVersions: protectedProcedure.input(ProjectIdInput).query(async ({ ctx, input }) => {
    await getOwnedProject(ctx.platform.db, ctx.userId, input.projectId);
    return listVersions(ctx.platform.db, input.projectId);
  }),
  get: protectedProcedure.input(ProjectIdInput.extend({ versionId: VersionId })).query(async ({ ctx, input }) => {
    await getOwnedProject(ctx.platform.db, ctx.userId, input.projectId);
    return getVersionWithFiles(ctx.platform, input.projectId, input.versionId);
  }),
  diff: protectedProcedure.input(ProjectIdInput.extend({ from: VersionId, to: VersionId })).query(async ({ ctx, input }) => {
    await getOwnedProject(ctx.platform.db, ctx.userId, input.projectId);
    return diffVersions(ctx.platform, input.projectId, input.from, input.to);
  }),
  download: protectedProcedure.input(ProjectIdInput.extend({ versionId: VersionId })).query(async ({ ctx, input }) => {
    const project = await getOwnedProject(ctx.platform.db, ctx.userId, input.projectId);
    return downloadVersion(ctx.platform, input.projectId, input.versionId, project.name);
  }),
});
