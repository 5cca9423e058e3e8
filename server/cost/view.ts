import type { Db } from "../db/client";
import type { DynamoService } from "../dynamo/service";
import type { BlobStore } from "../platform/types";
import type { ToolEntry } from "../registry/schema";
import type { AgentSpec } from "../spec/agent-spec";
import { findDraft } from "../spec/draft";
import { estimateCost } from "./estimate";
import { insertEstimate } from "./estimate-repo";
import type { CostUsage } from "./inputs";
import { measuredUsage, type Calibration } from "./measured-usage";
import { resolveProjectSpec, type SpecSource } from "./project-spec";
import { usageAt, type UsageFacts } from "./project-usage";
import type { CostDeps, CostEstimate } from "./types";

/**
 * The cost API over a project: estimates of its spec draft (calibrated by its test runs),
 * their history, and applying a suggestion to the draft. Every function checks that the
 * caller owns the project first (another user's project is NOT_FOUND).
 */
export type CostServiceDeps = { db: Db; dynamo: DynamoService; blobs: BlobStore; cost: CostDeps; tools: readonly ToolEntry[] };

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

export type Computed = { view: CostView; spec: AgentSpec };

/** The usage facts of a stored project: what its Cost tab saved and what its calls measured. */
export async function projectUsageFacts(deps: Pick<CostServiceDeps, "db" | "dynamo">, projectId: string): Promise<UsageFacts> {
  const [draft, measured] = await Promise.all([findDraft(deps.dynamo, projectId), measuredUsage(deps.db, projectId)]);
  return { saved: draft?.assumptions ?? {}, measured };
}

/**
 * The estimate of a project's spec at its usage: the assumptions stored with the project,
 * with the caller's `usage` (an unsaved what-if) on top.
 */
export async function computeView(deps: CostServiceDeps, projectId: string, spec: unknown, usage: unknown): Promise<Computed> {
  const [resolved, measured] = await Promise.all([resolveProjectSpec(deps, projectId, spec), measuredUsage(deps.db, projectId)]);
  const saved = (resolved.context ?? (await findDraft(deps.dynamo, projectId)))?.assumptions ?? {};
  const u = usageAt(resolved.spec, { saved, measured }, usage, resolved.placeholders.includes("systemPrompt"));
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

export async function store(deps: CostServiceDeps, projectId: string, { view, spec: fullSpec }: Computed): Promise<StoredCostView> {
  const { spec, estimate, usage, overridden } = view;
  const row = await insertEstimate(deps.db, projectId, { specSource: spec.source, modelId: spec.modelId, target: spec.target, spec: fullSpec, usage, overridden }, estimate);
  return { ...view, ...row };
}

