import type { ModelEntry } from "../registry/schema";
import type { AgentSpec } from "../spec/agent-spec";
import { draftLines, totalCents } from "./compute-lines";
import type { CostUsage } from "./inputs";
import { centsToUsd } from "./money";
import type { PricingFile } from "./pricing";
import type { ProjectionPoint } from "./types";

export const PROJECTION_MONTHS = 12;

/**
 * Twelve months of totals with traffic compounding by growthRatePerMonth. Each month is
 * priced in full (not scaled) because fixed costs and free allowances do not grow with
 * traffic. Legacy 12-month offers, when on, are assumed to last the whole year.
 */
export function projectCost(
  spec: AgentSpec,
  usage: CostUsage,
  model: ModelEntry,
  pricing: PricingFile,
  month1: { cents: number; unknown: string },
) {
  const point = (month: number, requestsPerMonth: number, t: { cents: number; unknown: string }): ProjectionPoint => ({
    month,
    requestsPerMonth: Math.round(requestsPerMonth),
    total: centsToUsd(t.cents),
    excludesUnknown: t.unknown !== "",
  });
  const points: ProjectionPoint[] = [point(1, usage.requestsPerMonth, month1)];
  let sumCents = month1.cents;
  for (let month = 2; month <= PROJECTION_MONTHS; month++) {
    const requestsPerMonth = usage.requestsPerMonth * (1 + usage.growthRatePerMonth) ** (month - 1);
    const t = usage.growthRatePerMonth === 0 ? month1 : totalCents(draftLines(spec, { ...usage, requestsPerMonth }, model, pricing));
    sumCents += t.cents;
    points.push(point(month, requestsPerMonth, t));
  }
  return { projection: points, projectionTotal: centsToUsd(sumCents) };
}
