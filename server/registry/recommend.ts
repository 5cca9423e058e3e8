import { estimateModelMonthlyCost } from "../cost/model-cost";
import { RecommendInput, parseInput } from "./inputs";
import type { Capability, ModelEntry, ModelProvider } from "./schema";
import { COST_SENSITIVE, matchTraits, type UseCaseTrait } from "./use-case";

export type Recommendation = {
  model: ModelEntry;
  /** 0–100; higher is a better fit. Ties are broken by cost, then id. */
  score: number;
  reasons: string[];
  /** At the given (or default) traffic; null when the model's price is unknown. */
  monthlyCostUsd: number | null;
  /** True when there is no budget or the known cost fits it; an unknown cost never counts as within. */
  withinBudget: boolean;
};

/** Traffic assumed when the caller gives none, so costs can still be compared. */
export const DEFAULT_TRAFFIC = { requestsPerDay: 1_000, inputTokens: 2_000, outputTokens: 500 } as const;
/** Days in the billing month used to turn requests per day into requests per month. */
export const DAYS_PER_MONTH = 30;

const CAPABILITY_LABEL: Record<Capability, string> = {
  toolUse: "tool use", vision: "vision", reasoning: "reasoning", streaming: "streaming", structuredOutput: "structured output", promptCaching: "prompt caching",
};
const usd = (n: number) => (n > 0 && n < 0.01 ? "<$0.01" : `$${n.toFixed(2)}`);
const count = (n: number) => n.toLocaleString("en-US");

type Candidate = Recommendation & { tier: number; group: number };

/** Preferred provider first (Bedrock unless the caller names another), other clouds next, local Ollama last. */
function providerGroup(provider: ModelProvider, preferred: ModelProvider | undefined): number {
  if (provider === (preferred ?? "bedrock")) return 0;
  if (provider === "bedrock") return 1;
  return provider === "ollama" ? 3 : 2;
}

/** Log-scaled position between the cheapest and dearest known cost: 1 = cheapest. */
function cheapness(cost: number | null, min: number, max: number): number {
  if (cost === null) return 0;
  if (cost <= min || max <= min) return 1;
  return 1 - Math.log(cost / min) / Math.log(max / min);
}

function describeProvider(m: ModelEntry, preferred: ModelProvider | undefined): string {
  const pref = m.provider === (preferred ?? "bedrock") ? " (preferred provider)" : "";
  if (m.provider === "bedrock") return `Runs on Amazon Bedrock in your AWS account${pref}`;
  if (m.provider === "ollama") return `Runs locally with Ollama: no per-token charge, for development${pref}`;
  return `${m.vendor} API${pref}`;
}

/**
 * Ranks models for a use case. Only models with every required capability (known true,
 * not unknown) and not deprecated are considered; local Ollama models only when
 * `preferProvider` is "ollama". Order: within budget (or no budget)
 * before unknown cost before over budget; then the preferred provider (Bedrock by
 * default); then score; then monthly cost; then id — so the order is deterministic.
 * One entry per model is kept (the best of its in-region id and inference profiles)
 * unless `includeVariants` is set.
 * @throws DomainError("invalid") for a negative, NaN or absurd budget or traffic.
 */
export function recommendModels(models: readonly ModelEntry[], raw: RecommendInput): Recommendation[] {
  const input = parseInput(RecommendInput, raw);
  const traffic = {
    requestsPerDay: input.requestsPerDay ?? DEFAULT_TRAFFIC.requestsPerDay,
    inputTokens: input.inputTokens ?? DEFAULT_TRAFFIC.inputTokens,
    outputTokens: input.outputTokens ?? DEFAULT_TRAFFIC.outputTokens,
  };
  const usage = { requestsPerMonth: input.requestsPerMonth ?? traffic.requestsPerDay * DAYS_PER_MONTH, inputTokens: traffic.inputTokens, outputTokens: traffic.outputTokens };
  const trafficText = `${count(traffic.requestsPerDay)} requests/day × ${count(traffic.inputTokens)} input + ${count(traffic.outputTokens)} output tokens${
    input.requestsPerDay === undefined ? " (assumed traffic)" : ""}`;
  const traits = matchTraits(input.useCase);
  const costWeight = COST_SENSITIVE.test(input.useCase) ? 35 : 20;

  // Ollama's $0 is a laptop's, not a deployment's: local models only compete when asked for.
  const eligible = models.filter(
    (m) =>
      m.status !== "deprecated" &&
      (m.provider !== "ollama" || input.preferProvider === "ollama") &&
      input.requiredCapabilities.every((c) => m.capabilities[c] === true),
  );
  const costs = new Map(eligible.map((m) => [m, estimateModelMonthlyCost(m, usage).monthlyUsd]));
  const positive = [...costs.values()].filter((c): c is number => c !== null && c > 0);
  const min = positive.length > 0 ? Math.min(...positive) : 0;
  const max = positive.length > 0 ? Math.max(...positive) : 0;

  const candidates = eligible.map((m): Candidate => {
    const cost = costs.get(m) ?? null;
    const budget = input.monthlyBudgetUsd;
    const withinBudget = budget === undefined || (cost !== null && cost <= budget);
    const reasons = [describeProvider(m, input.preferProvider)];
    if (m.inferenceProfile) reasons.push(`Cross-region inference profile "${m.inferenceProfile}" of ${m.baseModelId}`);
    if (input.requiredCapabilities.length > 0) {
      reasons.push(`Supports every required capability: ${input.requiredCapabilities.map((c) => CAPABILITY_LABEL[c]).join(", ")}`);
    }
    let score = 0;
    for (const trait of traits as UseCaseTrait[]) {
      const fit = trait.fit(m);
      score += 12 * fit;
      if (fit > 0) reasons.push(`Fits the use case (${trait.label}): ${trait.why}`);
    }
    if (m.capabilities.toolUse === true) score += 15;
    else reasons.push(m.capabilities.toolUse === false ? "Does not support tool use: the agent cannot call tools" : "Tool use support is unknown");
    if (m.recommended) {
      score += 15;
      reasons.push("Recommended: a Bedrock model we stand behind");
    }
    if (m.contextWindow !== null && m.contextWindow >= 200_000) score += 3;
    score += costWeight * cheapness(cost, min, max);
    if (m.status === "legacy") {
      score -= 25;
      reasons.push("Legacy model: prefer a current one for new agents");
    }
    if (/preview/i.test(m.name)) {
      score -= 10;
      reasons.push("Preview model: availability and price may change");
    }
    if (cost === null) reasons.push(`Price unknown: no published token price${budget === undefined ? "" : ", so it cannot be checked against the budget"}`);
    else if (budget === undefined) reasons.push(`Estimated ${usd(cost)}/month at ${trafficText}`);
    else if (withinBudget) reasons.push(`Estimated ${usd(cost)}/month at ${trafficText}: within the ${usd(budget)} budget`);
    else reasons.push(`Over budget: estimated ${usd(cost)}/month at ${trafficText} exceeds ${usd(budget)}`);
    const tier = withinBudget ? 0 : cost === null ? 1 : 2;
    return { model: m, score: Math.round(Math.max(0, Math.min(100, score)) * 100) / 100, reasons, monthlyCostUsd: cost, withinBudget, tier, group: providerGroup(m.provider, input.preferProvider) };
  });

  candidates.sort(
    (a, b) =>
      a.tier - b.tier ||
      a.group - b.group ||
      b.score - a.score ||
      (a.monthlyCostUsd ?? Infinity) - (b.monthlyCostUsd ?? Infinity) ||
      (a.model.id < b.model.id ? -1 : a.model.id > b.model.id ? 1 : 0),
  );
  const seen = new Set<string>();
  const ranked = input.includeVariants
    ? candidates
    : candidates.filter((c) => {
        const key = c.model.baseModelId ?? c.model.id;
        return seen.has(key) ? false : (seen.add(key), true);
      });
  return ranked.slice(0, input.limit).map(({ tier: _tier, group: _group, ...rec }) => rec);
}
