import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";
import { errorDetails } from "../ui/errors";

/** What the cost router answers, inferred so the tab never drifts from the API. */
type Outputs = inferRouterOutputs<AppRouter>["cost"];
export type CostView = Outputs["preview"];
export type CostEstimate = CostView["estimate"];
export type CostLine = CostEstimate["lines"][number];
export type CostSuggestion = CostEstimate["suggestions"][number];
export type CostAssumption = CostEstimate["assumptions"][number];
export type EstimateSummary = Outputs["history"][number];
export type AppliedSuggestion = Outputs["applySuggestion"];
export type DeploymentTarget = inferRouterInputs<AppRouter>["cost"]["setTarget"]["target"];

/** Edited assumption values by key (`infrastructure.natGateways`, or the tab's own `requestsPerDay`). */
export type Overrides = Record<string, number | boolean | string>;

/** Machine-readable details of a DomainError, as the API's error formatter passes them on. */
export type ErrorDetails = ReturnType<typeof errorDetails>;
export { errorDetails };
