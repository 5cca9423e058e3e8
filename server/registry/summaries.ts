import type { Registry } from "./load";
import type { ModelEntry, ToolEntry } from "./schema";
import { generatedEntry } from "./tool-fit";

/**
 * What a registry list row shows and its filters need: no provenance, no code snippets.
 * The payload is the cost of a list call, so lists (tRPC and /api/registry) send these.
 */
export type ModelSummary = Pick<ModelEntry, "id" | "name" | "provider" | "inferenceProfile" | "contextWindow" | "maxOutputTokens" | "capabilities" | "status" | "recommended"> & {
  pricing: Pick<ModelEntry["pricing"], "inputPer1M" | "outputPer1M">;
};
export type ToolSummary = Pick<
  ToolEntry,
  "id" | "name" | "category" | "description" | "kind" | "status" | "replacedBy" | "config" | "platforms" | "conflicts" | "alternatives"
> & {
  languages: { python: boolean; typescript: boolean };
  /** The replacement a deprecated tool is generated as (its settings are the ones asked for); null when generated as itself. */
  generatedAs: string | null;
};

export const modelSummary = (m: ModelEntry): ModelSummary => ({
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

/** Summaries over one registry (a deprecated tool's `generatedAs` needs its replacement's entry). */
export const toolSummaryIn =
  (registry: Pick<Registry, "toolById">) =>
  (t: ToolEntry): ToolSummary =>
    toolSummary(t, generatedEntry(t, (id) => registry.toolById.get(id)));

const toolSummary = (t: ToolEntry, built: ToolEntry): ToolSummary => ({
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
  generatedAs: built === t ? null : built.id,
});
