import { z } from "zod";
import { connectAccount, ConnectInput, disconnectAccount, findConnection, startConnection, StartConnectionInput } from "../../deploy/service/connection";
import { applyDeployment, ApplyInput, approveDeployment, deploymentHistory, DeploymentRef, destroyEnvironment, DestroyInput, environmentDrift, EnvRef, getDeploymentView, rejectDeployment, rollbackDeployment } from "../../deploy/service/deployments";
import { invokeDeployed, InvokeInput, listInvocations } from "../../deploy/service/invoke";
import { planDeployment, planDeps, PlanInput } from "../../deploy/service/plan";
import { ProjectId } from "../../projects/service";
import { createTRPCRouter, protectedProcedure, type Context } from "../trpc";

const ProjectInput = z.object({ projectId: ProjectId });
const planDepsOf = (ctx: Context) => planDeps(ctx.services.registry, ctx.services.pricing);

/** Deploying a version to the caller's AWS account: plan (offline), connect, apply, invoke, roll back, destroy. */
export const deployRouter = createTRPCRouter({
  /** What the stack creates, the IAM on both sides, prerequisites, monthly cost and CI commands. Needs no account. */
  plan: protectedProcedure.input(PlanInput).query(({ ctx, input }) => planDeployment(ctx.platform, planDepsOf(ctx), ctx.userId, input)),
  /** The caller's account connection (role ARN, ExternalId, region), or null. */
  connection: protectedProcedure.query(({ ctx }) => findConnection(ctx.platform, ctx.userId)),
  /** Step 1: the ExternalId and the bootstrap template (with its create-stack command). */
  connectStart: protectedProcedure.input(StartConnectionInput).mutation(({ ctx, input }) => startConnection(ctx.platform, ctx.userId, input)),
  /** Step 2: verifies the deploy role (or, locally, this machine's credentials) and stores the connection. */
  connect: protectedProcedure.input(ConnectInput).mutation(({ ctx, input }) => connectAccount(ctx.platform, ctx.userId, input)),
  disconnect: protectedProcedure.mutation(({ ctx }) => disconnectAccount(ctx.platform, ctx.userId)),
  /** Starts a deploy; its change set then waits for approve/reject. One unfinished deploy per environment (CONFLICT). */
  start: protectedProcedure.input(ApplyInput).mutation(({ ctx, input }) => applyDeployment(ctx.platform, planDepsOf(ctx), ctx.userId, input)),
  approve: protectedProcedure.input(DeploymentRef).mutation(({ ctx, input }) => approveDeployment(ctx.platform, ctx.userId, input)),
  reject: protectedProcedure.input(DeploymentRef).mutation(({ ctx, input }) => rejectDeployment(ctx.platform, ctx.userId, input)),
  get: protectedProcedure.input(DeploymentRef).query(({ ctx, input }) => getDeploymentView(ctx.platform, ctx.userId, input)),
  history: protectedProcedure.input(ProjectInput).query(({ ctx, input }) => deploymentHistory(ctx.platform, ctx.userId, input.projectId)),
  /** Deploys the previous good version of the environment again. */
  rollback: protectedProcedure.input(EnvRef).mutation(({ ctx, input }) => rollbackDeployment(ctx.platform, planDepsOf(ctx), ctx.userId, input)),
  /** Deletes the environment's stack; `confirm` must be the stack name (else BAD_REQUEST). */
  destroy: protectedProcedure.input(DestroyInput).mutation(({ ctx, input }) => destroyEnvironment(ctx.platform, ctx.userId, input)),
  drift: protectedProcedure.input(EnvRef).query(({ ctx, input }) => environmentDrift(ctx.platform, ctx.userId, input)),
  /** Calls the deployed agent; the reply streams as `deploy.invoke` events and comes back whole. */
  invoke: protectedProcedure.input(InvokeInput).mutation(({ ctx, input }) => invokeDeployed(ctx.platform, ctx.userId, input)),
  invocations: protectedProcedure.input(ProjectInput).query(({ ctx, input }) => listInvocations(ctx.platform, ctx.userId, input.projectId)),
});
