import type { CostUsage } from "../../cost/inputs";
import type { CostEstimate } from "../../cost/types";
import type { LockedProject } from "../../generation/lockfile";
import type { GeneratedProject, ProjectFiles, RegistryLookup } from "../../generation/types";
import type { VerificationResult } from "../../generation/verify/types";
import type { Platform } from "../../platform/types";
import type { AgentSpec } from "../../spec/agent-spec";
import type { ModificationPlan } from "../plan/types";
import type { SpecRegistry } from "../../consultation/rules/registry-view";

export type QaFeedback = { loop: number; errors: string[] };

/**
 * What the workers need, passed in so the same step code runs under Lambda, the local
 * poller and tests (which inject faults or a failing Dev at exactly these seams).
 */
export type PipelineDeps = {
  platform: Platform;
  registry: SpecRegistry & RegistryLookup;
  /** The model proposes and the server validates when one is configured; the rule engine otherwise. */
  plan(spec: AgentSpec, request: string, answers?: Record<string, string>): ModificationPlan | Promise<ModificationPlan>;
  generate(spec: AgentSpec, feedback: QaFeedback[]): GeneratedProject;
  /** Adds the lockfile a TypeScript project installs from (package-lock.json); the outcome says when it could not. */
  lockfile?(files: ProjectFiles): Promise<LockedProject>;
  verify(files: ProjectFiles, generated: Pick<GeneratedProject, "requiredIam">): Promise<VerificationResult>;
  /** The estimate Ops stores with a version, and the usage it priced. */
  estimate(spec: AgentSpec): { estimate: CostEstimate; usage: CostUsage } | null;
  /** Fault injection: throws at a named point ("pm:before-write", "ops:after-write", …). */
  fault?(point: string, modificationId: string): void;
};
