import { advanceWorkflow, GoBackInput, goBackWorkflow, WorkflowInput } from "../../consultation";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const workflowRouter = createTRPCRouter({
  advance: protectedProcedure.input(WorkflowInput).mutation(({ ctx, input }) => advanceWorkflow({ platform: ctx.platform, registry: ctx.services.registry }, ctx.userId, input)),
  goBack: protectedProcedure.input(GoBackInput).mutation(({ ctx, input }) => goBackWorkflow({ platform: ctx.platform, registry: ctx.services.registry }, ctx.userId, input)),
});
