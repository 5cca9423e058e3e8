/**
 * Cost estimation: what an agent costs per month on AWS, line by line, before and after
 * it runs. The entry points other areas call (router, CLI, Cost tab, workers, docs).
 */
export { estimateCost } from "./estimate";
export { CostUsageInput, InfrastructureAssumptions, parseCostUsage, type CostUsage } from "./inputs";
export { defaultUsage } from "./default-usage";
export { calibrateUsage, MeasuredUsage } from "./calibrate";
export { applySpecPatch } from "./spec-patch";
export { estimatePlatformIdleCost, PlatformCostParams, type PlatformCostEstimate } from "./platform-estimate";
export { loadPricing, parsePricing } from "./pricing";
export { estimateModelMonthlyCost, type ModelCost, type TokenUsage } from "./model-cost";
export type {
  CostAssumption,
  CostDeps,
  CostEstimate,
  CostLine,
  CostSuggestion,
  ProjectionPoint,
  SpecPatch,
  SuggestionKind,
} from "./types";
