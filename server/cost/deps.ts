import type { Registry } from "../registry/load";
import type { PricingFile } from "./pricing";
import type { CostDeps } from "./types";

/** The estimator's view of one registry and price file. */
export const costDepsFrom = (registry: Registry, pricing: PricingFile): CostDeps => ({
  getModel: (id) => registry.modelById.get(id),
  listModels: () => registry.models,
  pricing,
});
