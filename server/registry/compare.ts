import { estimateModelMonthlyCost } from "../cost/model-cost";
import { DomainError } from "../errors";
import { CompareInput, parseInput, type TrafficInput } from "./inputs";
import { DAYS_PER_MONTH, DEFAULT_TRAFFIC } from "./recommend";
import type { ModelEntry } from "./schema";

export type CompareValue = string | number | boolean | null;

export type CompareRow = {
  key: string;
  label: string;
  /** One value per compared model, in the order the ids were given; null = unknown. */
  values: CompareValue[];
  /** Unit for numbers ("tokens", "USD / 1M tokens", "USD / month"). */
  unit: string | null;
  /** Which way is better for numeric rows; null where "better" does not apply. */
  better: "higher" | "lower" | null;
  /** Indexes of the best known value(s); empty when nothing is comparable. */
  best: number[];
};

export type ModelComparison = {
  models: ModelEntry[];
  usage: TrafficInput & { assumed: boolean; requestsPerMonth: number };
  rows: CompareRow[];
};

type RowSpec = { key: string; label: string; unit?: string; better?: "higher" | "lower"; get: (m: ModelEntry, cost: number | null) => CompareValue };

const ROWS: RowSpec[] = [
  { key: "provider", label: "Provider", get: (m) => m.provider },
  { key: "vendor", label: "Made by", get: (m) => m.vendor },
  { key: "family", label: "Family", get: (m) => m.family },
  { key: "inferenceProfile", label: "Inference profile", get: (m) => m.inferenceProfile },
  { key: "status", label: "Status", get: (m) => m.status },
  { key: "recommended", label: "Recommended", get: (m) => m.recommended },
  { key: "contextWindow", label: "Context window", unit: "tokens", better: "higher", get: (m) => m.contextWindow },
  { key: "maxOutputTokens", label: "Max output", unit: "tokens", better: "higher", get: (m) => m.maxOutputTokens },
  { key: "capabilities.toolUse", label: "Tool use", get: (m) => m.capabilities.toolUse },
  { key: "capabilities.vision", label: "Vision", get: (m) => m.capabilities.vision },
  { key: "capabilities.reasoning", label: "Reasoning", get: (m) => m.capabilities.reasoning },
  { key: "capabilities.streaming", label: "Streaming", get: (m) => m.capabilities.streaming },
  { key: "capabilities.structuredOutput", label: "Structured output", get: (m) => m.capabilities.structuredOutput },
  { key: "capabilities.promptCaching", label: "Prompt caching", get: (m) => m.capabilities.promptCaching },
  { key: "pricing.inputPer1M", label: "Input price", unit: "USD / 1M tokens", better: "lower", get: (m) => m.pricing.inputPer1M },
  { key: "pricing.outputPer1M", label: "Output price", unit: "USD / 1M tokens", better: "lower", get: (m) => m.pricing.outputPer1M },
  { key: "pricing.cacheReadPer1M", label: "Cache read price", unit: "USD / 1M tokens", better: "lower", get: (m) => m.pricing.cacheReadPer1M },
  { key: "pricing.cacheWritePer1M", label: "Cache write price", unit: "USD / 1M tokens", better: "lower", get: (m) => m.pricing.cacheWritePer1M },
  { key: "monthlyCostUsd", label: "Monthly cost at your traffic", unit: "USD / month", better: "lower", get: (_m, cost) => cost },
];

function bestIndexes(values: CompareValue[], better: "higher" | "lower" | undefined): number[] {
  if (!better) return [];
  const known = values.flatMap((v, i) => (typeof v === "number" ? [{ v, i }] : []));
  if (known.length < 2) return [];
  const target = better === "higher" ? Math.max(...known.map((k) => k.v)) : Math.min(...known.map((k) => k.v));
  return known.filter((k) => k.v === target).map((k) => k.i);
}

/**
 * Side-by-side comparison of models, one row per attribute, including the monthly model
 * cost at the caller's traffic (or the default traffic, flagged as assumed).
 * @throws DomainError("not_found") naming the first unknown id; DomainError("invalid") for bad traffic.
 */
export function compareModels(models: readonly ModelEntry[], ids: readonly string[], usage?: TrafficInput): ModelComparison {
  const input = parseInput(CompareInput, { ids, usage });
  const byId = new Map(models.map((m) => [m.id, m]));
  const selected = [...new Set(input.ids)].map((id) => {
    const model = byId.get(id);
    if (!model) throw new DomainError("not_found", `Model '${id}' is not in the model registry`, { id });
    return model;
  });
  const traffic = input.usage ?? DEFAULT_TRAFFIC;
  const requestsPerMonth = ("requestsPerMonth" in traffic ? traffic.requestsPerMonth : undefined) ?? traffic.requestsPerDay * DAYS_PER_MONTH;
  const costs = selected.map((m) => estimateModelMonthlyCost(m, { requestsPerMonth, inputTokens: traffic.inputTokens, outputTokens: traffic.outputTokens }).monthlyUsd);
  const rows = ROWS.map((spec): CompareRow => {
    const values = selected.map((m, i) => spec.get(m, costs[i] ?? null));
    return { key: spec.key, label: spec.label, values, unit: spec.unit ?? null, better: spec.better ?? null, best: bestIndexes(values, spec.better) };
  });
  return { models: selected, usage: { ...traffic, assumed: input.usage === undefined, requestsPerMonth }, rows };
}
