import { z } from "zod";
import { DomainError } from "../errors";
import { getOwnedProject, ProjectId } from "../projects/service";
import { mergePatch, patchChange, withLocks } from "../spec/draft";
import { specOfState, writeCostDraft } from "./assumptions-service";
import { listEstimates, type EstimateSummary } from "./estimate-repo";
import type { CostSuggestion } from "./types";
import { computeView, store, type CostServiceDeps, type CostView, type StoredCostView } from "./view";

export type { CostServiceDeps, CostView, SpecSummary, StoredCostView } from "./view";

/**
 * The cost API over a project: estimates of its spec draft (calibrated by its test runs),
 * their history, and applying a suggestion to the draft. Every function checks that the
 * caller owns the project first (another user's project is NOT_FOUND).
 */

/** Usage overrides are checked field by field by the service, so every caller gets the same messages. */
export const UsageOverrides = z.record(z.string(), z.unknown());
export const EstimateInput = z.object({ projectId: ProjectId, spec: z.record(z.string(), z.unknown()).optional(), usage: UsageOverrides.optional() });
export const HistoryInput = z.object({ projectId: ProjectId, limit: z.number().int().min(1).max(100).default(20) });
export const ApplySuggestionInput = z.object({ projectId: ProjectId, suggestionId: z.string().min(1).max(300), usage: UsageOverrides.optional() });
export const SetTargetInput = z.object({ projectId: ProjectId, target: z.enum(["agentcore", "ecs-fargate", "lambda"]) });
export type EstimateInput = z.input<typeof EstimateInput>;
export type ApplySuggestionInput = z.input<typeof ApplySuggestionInput>;
export type SetTargetInput = z.input<typeof SetTargetInput>;

/** The estimate without storing it: the Cost tab's live what-if as assumptions change. */
export async function previewCost(deps: CostServiceDeps, userId: string, input: z.input<typeof EstimateInput>): Promise<CostView> {
  await getOwnedProject(deps.db, userId, input.projectId);
  return (await computeView(deps, input.projectId, input.spec, input.usage)).view;
}

/**
 * Estimates the project's cost and stores it in cost_estimates. `spec` defaults to the
 * project's draft; `usage` overrides the usage derived from the spec and test runs.
 * @throws DomainError invalid (bad figure or spec field, named; missing model or target in
 *   `details.missing`), not_found (project, or a model the registry lacks).
 */
export async function estimateProjectCost(deps: CostServiceDeps, userId: string, input: z.input<typeof EstimateInput>): Promise<StoredCostView> {
  await getOwnedProject(deps.db, userId, input.projectId);
  return store(deps, input.projectId, await computeView(deps, input.projectId, input.spec, input.usage));
}

/** The project's latest stored estimates, newest first. */
export async function costHistory(deps: CostServiceDeps, userId: string, input: z.input<typeof HistoryInput>): Promise<EstimateSummary[]> {
  const { projectId, limit } = HistoryInput.parse(input);
  await getOwnedProject(deps.db, userId, projectId);
  return listEstimates(deps.db, projectId, limit);
}

export type AppliedSuggestion = {
  applied: Pick<CostSuggestion, "id" | "kind" | "title" | "monthlySaving">;
  draft: Record<string, unknown>;
  /** The usage overrides to send from now on (the suggestion's usage change merged in). */
  usage: Record<string, unknown>;
  result: StoredCostView;
};

/**
 * Applies one of the current estimate's suggestions: recomputes the estimate, merges the
 * suggestion's SpecPatch into the project's draft (locking the changed fields), and
 * stores the new estimate. Because the same estimator priced the suggestion, the new
 * total is never higher.
 * @throws DomainError not_found when the suggestion is not offered for the current spec.
 */
export async function applyCostSuggestion(deps: CostServiceDeps, userId: string, input: z.input<typeof ApplySuggestionInput>): Promise<AppliedSuggestion> {
  await getOwnedProject(deps.db, userId, input.projectId);
  const before = (await computeView(deps, input.projectId, undefined, input.usage)).view;
  const suggestion = before.estimate.suggestions.find((s) => s.id === input.suggestionId);
  if (!suggestion) {
    throw new DomainError("not_found", `Suggestion '${input.suggestionId}' is not offered for this project's current spec and usage`, { id: input.suggestionId });
  }
  // A suggestion is a spec patch (it reaches the next generated version); its usage change is stored with the assumptions.
  const context = await writeCostDraft(deps, input.projectId, userId, (current) => ({
    ...(Object.keys(suggestion.apply).length > 0 && patchChange(suggestion.apply)(current)),
    ...(suggestion.usagePatch && { assumptions: mergePatch(current.assumptions, suggestion.usagePatch) }),
  }));
  const usage = mergePatch(input.usage ?? {}, suggestion.usagePatch ?? {});
  const after = await computeView(deps, input.projectId, undefined, usage);
  const { id, kind, title, monthlySaving } = suggestion;
  return { applied: { id, kind, title, monthlySaving }, draft: specOfState(context), usage, result: await store(deps, input.projectId, after) };
}

/**
 * Sets the draft's deployment target from the Cost tab (compare targets, or the field
 * consultation has not filled yet). Target-specific settings reset to the new target's
 * defaults; the region is kept.
 */
export async function setDeploymentTarget(deps: CostServiceDeps, userId: string, input: z.input<typeof SetTargetInput>): Promise<{ draft: Record<string, unknown> }> {
  const { projectId, target } = SetTargetInput.parse(input);
  await getOwnedProject(deps.db, userId, projectId);
  const context = await writeCostDraft(deps, projectId, userId, ({ draft }) => {
    const region = draft.deployment?.region;
    return { draft: withLocks({ ...draft, deployment: { target, ...(typeof region === "string" && { region }) } }, ["deployment.target"]) };
  });
  return { draft: specOfState(context) };
}

