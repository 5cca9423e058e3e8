import { z } from "zod";
import { answerModification, cancelModification, ModificationAnswers, ModificationRequest, requestModification } from "../../modifications/workers/lifecycle";
import { describeModification, getProjectModification, listProjectModifications } from "../../modifications/workers/queries";
import { getOwnedProject, ProjectRef } from "../../projects/service";
import { createTRPCRouter, protectedProcedure } from "../trpc";

const ModificationRef = z.object({ projectId: ProjectRef.shape.id, modificationId: z.string().regex(/^mod_[0-9a-z]{26}$/, "is not a modification id") });

export const modificationRouter = createTRPCRouter({
  /** Stores the change request, then queues it for PM → Dev → QA → Ops. */
  request: protectedProcedure.input(ModificationRequest).mutation(async ({ ctx, input }) => {
    await getOwnedProject(ctx.platform.db, ctx.userId, input.projectId);
    return describeModification(await requestModification(ctx.platform, ctx.userId, { projectId: input.projectId, request: input.request }));
  }),
  list: protectedProcedure.input(z.object({ projectId: ProjectRef.shape.id })).query(async ({ ctx, input }) => {
    await getOwnedProject(ctx.platform.db, ctx.userId, input.projectId);
    return listProjectModifications(ctx.platform, input.projectId);
  }),
  get: protectedProcedure.input(ModificationRef).query(async ({ ctx, input }) => {
    await getOwnedProject(ctx.platform.db, ctx.userId, input.projectId);
    return getProjectModification(ctx.platform, input.projectId, input.modificationId);
  }),
  /** Gives the settings a "needs-input" modification asked for; the same modification resumes. */
  answer: protectedProcedure.input(ModificationRef.extend({ answers: ModificationAnswers })).mutation(async ({ ctx, input }) => {
    await getOwnedProject(ctx.platform.db, ctx.userId, input.projectId);
    return describeModification(await answerModification(ctx, ctx.userId, input.projectId, input.modificationId, input.answers));
  }),
  cancel: protectedProcedure.input(ModificationRef).mutation(async ({ ctx, input }) => {
    await getOwnedProject(ctx.platform.db, ctx.userId, input.projectId);
    return describeModification(await cancelModification(ctx, ctx.userId, input.projectId, input.modificationId));
  }),
});
