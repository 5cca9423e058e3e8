import type { Capability } from "~/server/registry/schema";
import { numberOrUndefined } from "./format";

/** The user's needs and traffic as typed (strings, so a half-typed number stays editable). */
export type TrafficState = {
  useCase: string;
  budget: string;
  requestsPerDay: string;
  inputTokens: string;
  outputTokens: string;
  capabilities: Capability[];
  /**
   * The project's requests per month as the Cost tab prices them, kept while the requests
   * per day still show the figure it came with (so both tabs price the same traffic).
   */
  exactMonth?: { perDay: string; perMonth: number };
};

/** The project's usage assumption (cost.traffic): requests and tokens per request as the Cost tab prices them. */
export type ProjectTraffic = { requestsPerDay: number; requestsPerMonth: number; inputTokens: number; outputTokens: number } | null;

type Requirements = { useCase?: string; monthlyBudgetUsd?: number; requestsPerDay?: number; capabilities: Capability[] } | null;

/**
 * A starting point the user edits, shown in the form rather than hidden, so recommendation
 * and comparison always price the same traffic. The server's own assumption applies only
 * when a field is cleared (and it then says "assumed").
 */
const STARTING_TRAFFIC = { requestsPerDay: "1000", inputTokens: "2000", outputTokens: "500" };

/** Prefilled from the project's usage assumption (the Cost tab's) and what consultation learnt, else the starting traffic. */
export function initialTraffic(requirements: Requirements, project: ProjectTraffic = null): TrafficState {
  const perDay = project ? String(project.requestsPerDay) : requirements?.requestsPerDay === undefined ? STARTING_TRAFFIC.requestsPerDay : String(requirements.requestsPerDay);
  return {
    useCase: requirements?.useCase ?? "",
    budget: requirements?.monthlyBudgetUsd === undefined ? "" : String(requirements.monthlyBudgetUsd),
    requestsPerDay: perDay,
    inputTokens: project ? String(project.inputTokens) : STARTING_TRAFFIC.inputTokens,
    outputTokens: project ? String(project.outputTokens) : STARTING_TRAFFIC.outputTokens,
    capabilities: requirements?.capabilities ?? [],
    ...(project && { exactMonth: { perDay, perMonth: project.requestsPerMonth } }),
  };
}

/** The project's exact requests per month while the form still shows the figure it came with. */
const exactMonth = (t: TrafficState) => (t.exactMonth && t.exactMonth.perDay === t.requestsPerDay.trim() ? { requestsPerMonth: t.exactMonth.perMonth } : {});

/** `registry.models.recommend` input; fields left empty are left out. */
export function recommendInput(t: TrafficState, limit = 5) {
  const num = (s: string) => numberOrUndefined(s);
  return {
    limit,
    ...(t.useCase.trim() && { useCase: t.useCase.trim() }),
    ...(t.budget.trim() && { monthlyBudgetUsd: num(t.budget) }),
    ...(t.requestsPerDay.trim() && { requestsPerDay: num(t.requestsPerDay) }),
    ...(t.inputTokens.trim() && { inputTokens: num(t.inputTokens) }),
    ...(t.outputTokens.trim() && { outputTokens: num(t.outputTokens) }),
    ...(t.capabilities.length > 0 && { requiredCapabilities: t.capabilities }),
    ...exactMonth(t),
  };
}

/**
 * The comparison's traffic: only when every figure is given; otherwise the server
 * uses its assumed traffic and says so.
 */
export function usageInput(t: TrafficState) {
  const requestsPerDay = numberOrUndefined(t.requestsPerDay);
  const inputTokens = numberOrUndefined(t.inputTokens);
  const outputTokens = numberOrUndefined(t.outputTokens);
  if (requestsPerDay === undefined || inputTokens === undefined || outputTokens === undefined) return undefined;
  return { requestsPerDay, inputTokens, outputTokens, ...exactMonth(t) };
}
