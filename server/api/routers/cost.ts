import { loadPricing } from "../../cost/pricing";
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
import { getModel, listModels } from "../../registry/load";
import { createTRPCRouter, protectedProcedure, type Context } from "../trpc";

const deps = (ctx: Context): CostServiceDeps => ({
  db: ctx.platform.db,
  dynamo: ctx.platform.dynamo,
  blobs: ctx.platform.blobs,
  cost: { getModel, listModels, pricing: loadPricing() },
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
});
