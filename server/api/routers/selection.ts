import { getSelection, SelectionRef, setModelSelection, setToolSelection, SetModelInput, SetToolsInput, type SelectionDeps } from "../../registry/selections";
import { createTRPCRouter, protectedProcedure, type Context } from "../trpc";

const deps = (ctx: Context): SelectionDeps => ({ db: ctx.platform.db, dynamo: ctx.platform.dynamo, registry: ctx.services.registry });

/** A project's model and tool selections; every procedure checks that the caller owns the project. */
export const selectionRouter = createTRPCRouter({
  get: protectedProcedure.input(SelectionRef).query(({ ctx, input }) => getSelection(deps(ctx), ctx.userId, input.projectId)),
  setModel: protectedProcedure.input(SetModelInput).mutation(({ ctx, input }) => setModelSelection(deps(ctx), ctx.userId, input)),
  setTools: protectedProcedure.input(SetToolsInput).mutation(({ ctx, input }) => setToolSelection(deps(ctx), ctx.userId, input)),
});
