import { createProject, CreateProjectInput, getOwnedProject, ProjectRef, renameProject, RenameProjectInput } from "../../projects/service";
import { listProjectsCached } from "../../projects/list-cache";
import { deleteProjectEverywhere } from "../../projects/purge";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const projectRouter = createTRPCRouter({
  create: protectedProcedure.input(CreateProjectInput).mutation(({ ctx, input }) => createProject(ctx.platform.db, ctx.userId, input)),
  list: protectedProcedure.query(({ ctx }) => listProjectsCached(ctx.platform, ctx.userId)),
  get: protectedProcedure.input(ProjectRef).query(({ ctx, input }) => getOwnedProject(ctx.platform.db, ctx.userId, input.id)),
  rename: protectedProcedure.input(RenameProjectInput).mutation(({ ctx, input }) => renameProject(ctx.platform.db, ctx.userId, input)),
  delete: protectedProcedure.input(ProjectRef).mutation(async ({ ctx, input }) => {
    await deleteProjectEverywhere(ctx.platform, ctx.userId, input.id);
    return { id: input.id };
  }),
});
