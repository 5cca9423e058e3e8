import { z } from "zod";
import type { Db } from "../db/client";
import { ensureContext } from "../dynamo/context-repo";
import type { DynamoService } from "../dynamo/service";
import { DomainError } from "../errors";
import type { BlobStore } from "../platform/types";
import { getOwnedProject, ProjectId } from "../projects/service";
import type { AgentSpec } from "../spec/agent-spec";
import { patchDraft, writeDraft } from "./draft-write";
import { estimateCost } from "./estimate";
import { insertEstimate, listEstimates, type EstimateSummary } from "./estimate-repo";
import type { CostUsage } from "./inputs";
import { measuredUsage, type Calibration } from "./measured-usage";
import { resolveProjectSpec, type SpecSource } from "./project-spec";
import { resolveUsage } from "./project-usage";
import { mergePatch } from "./spec-patch";
import type { CostDeps, CostEstimate, CostSuggestion } from "./types";

/**
 * The cost API over a project: estimates of its spec draft (calibrated by its test runs),
 * their history, and applying a suggestion to the draft. Every function checks that the
 * caller owns the project first (another user's project is NOT_FOUND).
 */
export type CostServiceDeps = { db: Db; dynamo: DynamoService; blobs: BlobStore; cost: CostDeps };

/** Usage overrides are checked field by field by the service, so every caller gets the same messages. */
const UsageOverrides = z.record(z.string(), z.unknown());
export const EstimateInput = z.object({ projectId: ProjectId, spec: z.record(z.string(), z.unknown()).optional(), usage: UsageOverrides.optional() });
export const HistoryInput = z.object({ projectId: ProjectId, limit: z.number().int().min(1).max(100).default(20) });
export const ApplySuggestionInput = z.object({ projectId: ProjectId, suggestionId: z.string().min(1).max(300), usage: UsageOverrides.optional() });
export const SetTargetInput = z.object({ projectId: ProjectId, target: z.enum(["agentcore", "ecs-fargate", "lambda"]) });
export type EstimateInput = z.input<typeof EstimateInput>;
export type ApplySuggestionInput = z.input<typeof ApplySuggestionInput>;
export type SetTargetInput = z.input<typeof SetTargetInput>;

/** What the Cost tab shows beside the numbers, so a change to the spec is visible. */
export type SpecSummary = {
  source: SpecSource;
  modelId: string;
  modelName: string | null;
  maxTokens: number;
  target: AgentSpec["deployment"]["target"];
  region: string;
  compute: string;
  /** Cost-neutral fields the draft lacks, filled with stand-ins. */
  placeholders: string[];
};

export type CostView = {
  estimate: CostEstimate;
  spec: SpecSummary;
  usage: CostUsage;
  overridden: string[];
  calibration: Calibration | null;
  notes: string[];
};
export type StoredCostView = CostView & { id: string; createdAt: Date };

function compute(d: AgentSpec["deployment"]): string {
  if (d.target === "agentcore") return `${d.vcpu} vCPU, ${d.memoryGb} GB per session (arm64)`;
  if (d.target === "ecs-fargate") return `${d.desiredCount} × ${d.cpu / 1024} vCPU, ${d.memoryMb} MB (${d.architecture})${d.loadBalancer ? " + ALB" : ""}`;
  return `${d.memoryMb} MB, ${d.timeoutSeconds} s timeout (${d.architecture})`;
}

type Computed = { view: CostView; spec: AgentSpec };

async function computeView(deps: CostServiceDeps, projectId: string, spec: unknown, usage: unknown): Promise<Computed> {
  const [resolved, measured] = await Promise.all([resolveProjectSpec(deps, projectId, spec), measuredUsage(deps.db, projectId)]);
  const u = resolveUsage(resolved.spec, { overrides: usage, measured, noSystemPrompt: resolved.placeholders.includes("systemPrompt") });
  const estimate = estimateCost(resolved.spec, u.usage, deps.cost);
  const s = resolved.spec;
  const view: CostView = {
    estimate,
    spec: {
      source: resolved.source,
      modelId: s.model.id,
      modelName: deps.cost.getModel(s.model.id)?.name ?? null,
      maxTokens: s.model.maxTokens,
      target: s.deployment.target,
      region: s.deployment.region,
      compute: compute(s.deployment),
      placeholders: resolved.placeholders,
    },
    usage: u.usage,
    overridden: u.overridden,
    calibration: u.calibration,
    notes: u.notes,
  };
  return { view, spec: s };
}

async function store(deps: CostServiceDeps, projectId: string, { view, spec: fullSpec }: Computed): Promise<StoredCostView> {
  const { spec, estimate, usage, overridden } = view;
  const row = await insertEstimate(deps.db, projectId, { specSource: spec.source, modelId: spec.modelId, target: spec.target, spec: fullSpec, usage, overridden }, estimate);
  return { ...view, ...row };
}

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
  const context =
    Object.keys(suggestion.apply).length > 0
      ? await patchDraft(deps, input.projectId, userId, suggestion.apply)
      : await ensureContext(deps.dynamo, input.projectId, userId);
  const usage = mergePatch(input.usage ?? {}, suggestion.usagePatch ?? {});
  const after = await computeView(deps, input.projectId, undefined, usage);
  const { id, kind, title, monthlySaving } = suggestion;
  return { applied: { id, kind, title, monthlySaving }, draft: context.draft, usage, result: await store(deps, input.projectId, after) };
}

/**
 * Sets the draft's deployment target from the Cost tab (compare targets, or the field
 * consultation has not filled yet). Target-specific settings reset to the new target's
 * defaults; the region is kept.
 */
export async function setDeploymentTarget(deps: CostServiceDeps, userId: string, input: z.input<typeof SetTargetInput>): Promise<{ draft: Record<string, unknown> }> {
  const { projectId, target } = SetTargetInput.parse(input);
  await getOwnedProject(deps.db, userId, projectId);
  const context = await writeDraft(
    deps,
    projectId,
    userId,
    (draft) => {
      const current = (draft.deployment ?? {}) as Record<string, unknown>;
      return { ...draft, deployment: { target, ...(typeof current.region === "string" && { region: current.region }) } };
    },
    ["deployment.target"],
  );
  return { draft: context.draft };
}
