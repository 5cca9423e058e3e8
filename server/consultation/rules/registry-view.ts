import type { Capability, ModelEntry, ToolEntry } from "../../registry/schema";

/** What a model must offer, as consultation knows it. */
export type ModelNeeds = {
  /** The use case and description in the user's words; the recommender reads traits from it. */
  useCase?: string;
  capabilities: Capability[];
  monthlyBudgetUsd?: number;
  requestsPerDay?: number;
  latencyTargetMs?: number;
  region?: string;
};

/**
 * The registry as the pipeline reads it, passed in by the caller (the lead wires the
 * loaded registry/*.json files and the registry's recommender here; tests pass the same
 * files). `recommend` returns model ids best first; without it the registry's
 * `recommendModels` ranks them. The registry's own `Registry` object fits this type.
 */
export type SpecRegistry = {
  tools: readonly ToolEntry[];
  models: readonly ModelEntry[];
  recommend?: (needs: ModelNeeds) => string[];
};
