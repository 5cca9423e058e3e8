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
};

type Requirements = { useCase?: string; monthlyBudgetUsd?: number; requestsPerDay?: number; capabilities: Capability[] } | null;

/**
 * A starting point the user edits, shown in the form rather than hidden, so recommendation
 * and comparison always price the same traffic. The server's own assumption applies only
 * when a field is cleared (and it then says "assumed").
 */
const STARTING_TRAFFIC = { requestsPerDay: "1000", inputTokens: "2000", outputTokens: "500" };

/** Prefilled from what consultation learnt, else the starting traffic. */
export function initialTraffic(requirements: Requirements): TrafficState {
  return {
    useCase: requirements?.useCase ?? "",
    budget: requirements?.monthlyBudgetUsd === undefined ? "" : String(requirements.monthlyBudgetUsd),
    requestsPerDay: requirements?.requestsPerDay === undefined ? STARTING_TRAFFIC.requestsPerDay : String(requirements.requestsPerDay),
    inputTokens: STARTING_TRAFFIC.inputTokens,
    outputTokens: STARTING_TRAFFIC.outputTokens,
    capabilities: requirements?.capabilities ?? [],
  };
}

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
  return { requestsPerDay, inputTokens, outputTokens };
}
