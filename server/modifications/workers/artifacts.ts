import type { LockfileOutcome } from "../../generation/lockfile";
import type { VerificationResult } from "../../generation/verify/types";
import type { IamStatement } from "../../registry/schema";
import type { AgentSpec } from "../../spec/agent-spec";
import type { ModificationPlan } from "../plan/types";

/**
 * Each role's output, kept on the modification. Written once per role and loop, always
 * before the next role is enqueued, so a crash never leaves a role without its input.
 * File sets themselves are in the blob store (content-addressed); these hold references.
 */
export type PlanArtifact = { baseVersionId: string | null; plan: ModificationPlan; targetSpec: AgentSpec };
/** `lockfile`: how package-lock.json was had for a TypeScript project (absent for Python and before this existed). */
export type DevArtifact = { loop: number; contentHash: string; fileSetKey: string; fileCount: number; requiredIam: IamStatement[]; lockfile?: LockfileOutcome };
export type QaArtifact = { loop: number; ok: boolean; errors: string[]; checks: number; result?: VerificationResult };
export type OpsArtifact = { versionId: string; version: number; estimateId: string | null };

/** The eval-suite regression gate of the version this modification produced (server/modifications/workers/step-qa-evals.ts). */
export type EvalGateArtifact = { versionId: string; version: number; suiteRunId: string; score: number | null; regressed: boolean; baselineVersion: number | null; drop: number | null; margin: number; at: string };

export type Artifacts = { plan?: PlanArtifact; dev?: DevArtifact[]; qa?: QaArtifact[]; ops?: OpsArtifact; evalGate?: EvalGateArtifact };

export const artifactsOf = (m: { artifacts?: unknown }): Artifacts => (m.artifacts ?? {}) as Artifacts;
