import { notFound } from "../errors";
import { parseSpecOrThrow } from "../spec/agent-spec";
import { listAssumptions } from "./assumptions";
import { computeLines } from "./compute-lines";
import { parseCostUsage } from "./inputs";
import { centsToUsd, roundMicroUsd, toCents } from "./money";
import { projectCost } from "./projection";
import { suggestSavings, summarize } from "./suggestions";
import type { CostDeps, CostEstimate } from "./types";


/**
 * The monthly cost of running `spec` at `usage`: a line per service, the total (known
 * lines only, flagged when some price is unknown), cost per request, a 12-month
 * projection, savings suggestions and the assumptions used. Pure: same inputs, same
 * result. Throws DomainError "invalid" naming the field for bad usage or spec, and
 * "not_found" for a model id the registry does not have.
 */
export function estimateCost(specInput: unknown, usageInput: unknown, deps: CostDeps): CostEstimate {
  const spec = parseSpecOrThrow(specInput, "Invalid spec");
  const usage = parseCostUsage(usageInput);
  const model = deps.getModel(spec.model.id);
  if (!model) throw notFound("Model", spec.model.id);

  const lines = computeLines(spec, usage, model, deps.pricing);
  const month1 = summarize(lines);
  const { cents } = month1;
  const unknownServices = lines.filter((l) => l.priceUnknown).map((l) => l.service);
  const freeTierCents = lines.reduce((sum, l) => sum + toCents(l.freeTierSaving), 0);
  const total = centsToUsd(cents);
  const budget = spec.requirements.monthlyBudgetUsd ?? null;
  return {
    total,
    perRequest: usage.requestsPerMonth > 0 ? roundMicroUsd(total / usage.requestsPerMonth) : null,
    lines,
    totalExcludesUnknown: unknownServices.length > 0,
    unknownServices,
    freeTierSaving: centsToUsd(freeTierCents),
    ...projectCost(spec, usage, model, deps.pricing, month1),
    suggestions: suggestSavings(spec, usage, model, deps.listModels(), deps.pricing, lines),
    assumptions: listAssumptions(spec, usage, model, deps.pricing),
    usageSource: usage.usageSource,
    budget: { monthlyBudgetUsd: budget, overBudget: budget === null ? null : total > budget },
    region: spec.deployment.region,
    pricesVersion: deps.pricing.version,
  };
}
