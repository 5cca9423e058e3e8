import { planDeployment, PlanInput } from "../../deploy/service/plan";
import { createTRPCRouter, protectedProcedure } from "../trpc";

/** Deploying a version to the caller's AWS account: plan (offline), connect, apply, invoke, roll back, destroy. */
export const deployRouter = createTRPCRouter({
  /** What the stack creates, the IAM on both sides, prerequisites, monthly cost and CI commands. Needs no account. */
  plan: protectedProcedure.input(PlanInput).query(({ ctx, input }) => planDeployment(ctx.platform, ctx.userId, input)),
});
