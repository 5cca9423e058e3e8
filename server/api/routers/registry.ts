import { z } from "zod";
import { compareModels } from "../../registry/compare";
import { CompareInput, ModelFilterInput, ModelIdInput, RecommendInput, ResolveToolsInput, ToolIdInput, ValidateToolsInput } from "../../registry/inputs";
import { getModelOrThrow, getRegistry, getToolOrThrow } from "../../registry/load";
import { filterModels } from "../../registry/models";
import { recommendModels } from "../../registry/recommend";
import { ToolCategory, type ModelEntry, type ToolEntry } from "../../registry/schema";
import { resolveTools, validateToolsForTarget } from "../../registry/tools";
import { createTRPCRouter, protectedProcedure } from "../trpc";

/**
 * The model and tool registries over the API. They read no user data; they are protected
 * only so the public cannot use the server as a free registry mirror.
 * Lists return summaries — what a list row shows and filters need, no provenance, no code
 * snippets — because the payload is the cost of a list call (serialising all 211 full model
 * entries dominates its latency); `get` and `compare` return whole entries with their source.
 */

export type ModelSummary = Pick<ModelEntry, "id" | "name" | "provider" | "inferenceProfile" | "contextWindow" | "maxOutputTokens" | "capabilities" | "status" | "recommended"> & {
  pricing: Pick<ModelEntry["pricing"], "inputPer1M" | "outputPer1M">;
};
export type ToolSummary = Pick<
  ToolEntry,
  "id" | "name" | "category" | "description" | "kind" | "status" | "replacedBy" | "config" | "platforms" | "conflicts" | "alternatives"
> & { languages: { python: boolean; typescript: boolean } };

export const ToolFilterInput = z.object({
  category: ToolCategory.optional(),
  status: z.enum(["active", "deprecated"]).optional(),
  search: z.string().trim().max(200).optional(),
});

const modelSummary = (m: ModelEntry): ModelSummary => ({
  id: m.id,
  name: m.name,
  provider: m.provider,
  inferenceProfile: m.inferenceProfile,
  contextWindow: m.contextWindow,
  maxOutputTokens: m.maxOutputTokens,
  capabilities: m.capabilities,
  pricing: { inputPer1M: m.pricing.inputPer1M, outputPer1M: m.pricing.outputPer1M },
  status: m.status,
  recommended: m.recommended,
});

const toolSummary = (t: ToolEntry): ToolSummary => ({
  id: t.id,
  name: t.name,
  category: t.category,
  description: t.description,
  kind: t.kind,
  status: t.status,
  replacedBy: t.replacedBy,
  config: t.config,
  platforms: t.platforms,
  conflicts: t.conflicts,
  alternatives: t.alternatives,
  languages: { python: t.python !== null, typescript: t.typescript !== null },
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

const modelsRouter = createTRPCRouter({
  list: protectedProcedure.input(ModelFilterInput.optional()).query(({ input }) => {
    const registry = getRegistry();
    return { version: registry.modelsVersion, total: registry.models.length, models: filterModels(registry.models, input).map(modelSummary) };
  }),
  get: protectedProcedure.input(ModelIdInput).query(({ input }) => getModelOrThrow(input.id)),
  recommend: protectedProcedure.input(RecommendInput).query(({ input }) => recommendModels(getRegistry().models, input)),
  compare: protectedProcedure.input(CompareInput).query(({ input }) => compareModels(getRegistry().models, input.ids, input.usage)),
});

const toolsRouter = createTRPCRouter({
  list: protectedProcedure.input(ToolFilterInput.optional()).query(({ input }) => {
    const registry = getRegistry();
    return { version: registry.toolsVersion, total: registry.tools.length, tools: filterTools(registry.tools, input ?? {}).map(toolSummary) };
  }),
  get: protectedProcedure.input(ToolIdInput).query(({ input }) => getToolOrThrow(input.id)),
  resolve: protectedProcedure.input(ResolveToolsInput).query(({ input }) => resolveTools(getRegistry().tools, input.ids, input.language)),
  validate: protectedProcedure.input(ValidateToolsInput).query(({ input }) => validateToolsForTarget(getRegistry().tools, input.ids, input.target)),
});

export const registryRouter = createTRPCRouter({ models: modelsRouter, tools: toolsRouter });
