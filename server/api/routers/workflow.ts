import { advanceWorkflow, GoBackInput, goBackWorkflow, specRegistry, WorkflowInput } from "../../consultation";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const workflowRouter = createTRPCRouter({
  advance: protectedProcedure.input(WorkflowInput).mutation(({ ctx, input }) => advanceWorkflow({ platform: ctx.platform, registry: specRegistry() }, ctx.userId, input)),
  goBack: protectedProcedure.input(GoBackInput).mutation(({ ctx, input }) => goBackWorkflow({ platform: ctx.platform, registry: specRegistry() }, ctx.userId, input)),
});
