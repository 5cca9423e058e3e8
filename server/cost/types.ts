import type { AgentSpec } from "../spec/agent-spec";
import type { ModelEntry } from "../registry/schema";
import type { PricingFile } from "./pricing-schema";
import type { CostUsageInput } from "./inputs";

/** Groups lines for the chart; `service` is the name shown. */
export type CostCategory = "model" | "compute" | "data" | "network" | "observability" | "security" | "messaging";

/** One service in the breakdown. `monthly` is USD rounded to the cent; null = price unknown. */
export type CostLine = {
  service: string;
  category: CostCategory;
  monthly: number | null;
  /** The arithmetic, in words, so a user can check it. */
  detail: string;
  priceUnknown?: true;
  /** USD per month the free tier takes off this line (0 when none applies). */
  freeTierSaving: number;
};

/** One month of the projection; excludesUnknown = some line's price is unknown at that traffic. */
export type ProjectionPoint = { month: number; requestsPerMonth: number; total: number; excludesUnknown: boolean };

type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** Deep partial of the spec: what a suggestion's "apply" merges into it (arrays replace). */
export type SpecPatch = DeepPartial<AgentSpec>;

export type SuggestionKind =
  | "cheaper-model"
  | "prompt-caching"
  | "batch-inference"
  | "arm64"
  | "right-size-memory"
  | "max-output-tokens"
  | "fewer-tasks";

export type CostSuggestion = {
  id: string;
  kind: SuggestionKind;
  title: string;
  detail: string;
  /** USD per month saved on this estimate when applied (≥ 0.01, except max-output-tokens: 0). */
  monthlySaving: number;
  /** What "apply" merges into the spec (applySpecPatch). */
  apply: SpecPatch;
  /** Usage assumptions that change with it (e.g. the cached input share once caching is on). */
  usagePatch?: Partial<CostUsageInput>;
  /** max-output-tokens only: saving on the worst case where every answer hits the limit. */
  worstCaseMonthlySaving?: number;
};

export type CostAssumption = {
  /** A CostUsageInput path (editable) or a fixed fact such as `region`. */
  key: string;
  value: string | number | boolean | null;
  editable: boolean;
  note: string;
};

export type CostEstimate = {
  /** USD per month, sum of the known lines (see totalExcludesUnknown). */
  total: number;
  /** USD per request (micro-dollar precision); null without traffic. */
  perRequest: number | null;
  lines: CostLine[];
  /** True when some line has an unknown price: the total leaves it out. */
  totalExcludesUnknown: boolean;
  unknownServices: string[];
  /** USD per month the free tier saves over all lines. */
  freeTierSaving: number;
  /** 12 months, month 1 = the usage given, growing by growthRatePerMonth. */
  projection: ProjectionPoint[];
  projectionTotal: number;
  suggestions: CostSuggestion[];
  assumptions: CostAssumption[];
  usageSource: "estimated" | "measured";
  budget: { monthlyBudgetUsd: number | null; overBudget: boolean | null };
  region: string;
  pricesVersion: string;
};

/** What the estimator needs from the outside; tests pass fixtures. */
export type CostDeps = {
  getModel: (id: string) => ModelEntry | undefined | null;
  listModels: () => readonly ModelEntry[];
  pricing: PricingFile;
};
