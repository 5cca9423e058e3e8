import { z } from "zod";
import { compareModels } from "../../registry/compare";
import { CheckToolsInput, CompareInput, ModelFilterInput, ModelIdInput, RecommendInput, ResolveToolsInput, ToolIdInput, ValidateToolsInput } from "../../registry/inputs";
import { getModelOrThrow, getToolOrThrow } from "../../registry/load";
import { filterModels } from "../../registry/models";
import { recommendModels } from "../../registry/recommend";
import { ToolCategory, type ToolEntry } from "../../registry/schema";
import { wholeModelList, wholeToolList } from "../../registry/list-answers";
import { modelSummary, toolSummaryIn } from "../../registry/summaries";

export type { ModelSummary, ToolSummary } from "../../registry/summaries";
import { checkToolSelection } from "../../registry/selection-check";
import { resolveTools, validateToolsForTarget } from "../../registry/tools";
import { createTRPCRouter, protectedProcedure } from "../trpc";

/**
 * The model and tool registries over the API. They read no user data; they are protected
 * only so the public cannot use the server as a free registry mirror.
 * Lists return summaries — what a list row shows and filters need, no provenance, no code
 * snippets — because the payload is the cost of a list call (serialising all 211 full model
 * entries dominates its latency); `get` and `compare` return whole entries with their source.
 */

export const ToolFilterInput = z.object({
  category: ToolCategory.optional(),
  status: z.enum(["active", "deprecated"]).optional(),
  search: z.string().trim().max(200).optional(),
});

function filterTools(tools: readonly ToolEntry[], filter: z.infer<typeof ToolFilterInput>): ToolEntry[] {
  const terms = (filter.search ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  return tools.filter((t) => {
    if (filter.category && t.category !== filter.category) return false;
    if (filter.status && t.status !== filter.status) return false;
    const text = `${t.id} ${t.name} ${t.description} ${t.category}`.toLowerCase();
    return terms.every((term) => text.includes(term));
  });
}

/** No filter given (undefined, or no field set): the whole list, built once (registry/list-answers.ts). */
const isEmpty = (input: object | undefined) => !input || Object.values(input).every((v) => v === undefined);

const modelsRouter = createTRPCRouter({
  list: protectedProcedure.input(ModelFilterInput.optional()).query(({ ctx, input }) => {
    const { registry } = ctx.services;
    if (isEmpty(input)) return wholeModelList(registry);
    return { version: registry.modelsVersion, total: registry.models.length, models: filterModels(registry.models, input).map(modelSummary) };
  }),
  get: protectedProcedure.input(ModelIdInput).query(({ ctx, input }) => getModelOrThrow(input.id, ctx.services.registry)),
  recommend: protectedProcedure.input(RecommendInput).query(({ ctx, input }) => recommendModels(ctx.services.registry.models, input)),
  compare: protectedProcedure.input(CompareInput).query(({ ctx, input }) => compareModels(ctx.services.registry.models, input.ids, input.usage)),
});

const toolsRouter = createTRPCRouter({
  list: protectedProcedure.input(ToolFilterInput.optional()).query(({ ctx, input }) => {
    const { registry } = ctx.services;
    if (isEmpty(input)) return wholeToolList(registry);
    return { version: registry.toolsVersion, total: registry.tools.length, tools: filterTools(registry.tools, input ?? {}).map(toolSummaryIn(registry)) };
  }),
  get: protectedProcedure.input(ToolIdInput).query(({ ctx, input }) => getToolOrThrow(input.id, ctx.services.registry)),
  resolve: protectedProcedure.input(ResolveToolsInput).query(({ ctx, input }) => resolveTools(ctx.services.registry.tools, input.ids, input.language)),
  validate: protectedProcedure.input(ValidateToolsInput).query(({ ctx, input }) => validateToolsForTarget(ctx.services.registry.tools, input.ids, input.target)),
  /** Whether the selection can be saved for the language and target: the Tools tab's Save gate, the check selection.setTools enforces. */
  check: protectedProcedure.input(CheckToolsInput).query(({ ctx, input }) => checkToolSelection(ctx.services.registry, input)),
});

export const registryRouter = createTRPCRouter({ models: modelsRouter, tools: toolsRouter });
