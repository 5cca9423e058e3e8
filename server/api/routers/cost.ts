import { z } from "zod";
import { costDepsFrom } from "../../cost/deps";
import {
  applyCostSuggestion,
  ApplySuggestionInput,
  costHistory,
  EstimateInput,
  estimateProjectCost,
  HistoryInput,
  previewCost,
  setDeploymentTarget,
  SetTargetInput,
  type CostServiceDeps,
} from "../../cost/service";
import { projectTraffic, saveCostAssumptions, SaveAssumptionsInput } from "../../cost/assumptions-service";
import { ProjectRef } from "../../projects/service";
import { createTRPCRouter, protectedProcedure, type Context } from "../trpc";

const deps = (ctx: Context): CostServiceDeps => ({
  db: ctx.platform.db,
  dynamo: ctx.platform.dynamo,
  blobs: ctx.platform.blobs,
  cost: costDepsFrom(ctx.services.registry, ctx.services.pricing),
  tools: ctx.services.registry.tools,
});

/**
 * A project's monthly cost. `preview` is the same estimate as `estimate` without storing
 * it (the Cost tab's live what-if; a query has no side effects); `estimate` stores one row.
 */
export const costRouter = createTRPCRouter({
  preview: protectedProcedure.input(EstimateInput).query(({ ctx, input }) => previewCost(deps(ctx), ctx.userId, input)),
  estimate: protectedProcedure.input(EstimateInput).mutation(({ ctx, input }) => estimateProjectCost(deps(ctx), ctx.userId, input)),
  history: protectedProcedure.input(HistoryInput).query(({ ctx, input }) => costHistory(deps(ctx), ctx.userId, input)),
  applySuggestion: protectedProcedure.input(ApplySuggestionInput).mutation(({ ctx, input }) => applyCostSuggestion(deps(ctx), ctx.userId, input)),
  setTarget: protectedProcedure.input(SetTargetInput).mutation(({ ctx, input }) => setDeploymentTarget(deps(ctx), ctx.userId, input)),
  /** Stores the assumptions the user edited with the project (they survive a reload). */
  saveAssumptions: protectedProcedure.input(SaveAssumptionsInput).mutation(({ ctx, input }) => saveCostAssumptions(deps(ctx), ctx.userId, input)),
  /** The project's usage as model traffic: the Models tab prices with the same figures as the Cost tab. */
  traffic: protectedProcedure.input(z.object({ projectId: ProjectRef.shape.id })).query(({ ctx, input }) => projectTraffic(deps(ctx), ctx.userId, input.projectId)),
});
