import { z } from "zod";
import { costDepsFrom } from "../../cost/deps";
import { projectUsageFacts } from "../../cost/view";
import type { PricingFile } from "../../cost/pricing-schema";
import type { Platform } from "../../platform/types";
import { getOwnedProject, ProjectId } from "../../projects/service";
import type { Registry } from "../../registry/load";
import { getVersion, readVersionFiles } from "../../versions/service";
import { buildPlan, ENVIRONMENTS, type DeployPlan, type PlanDeps } from "../plan/build-plan";

export const VersionId = z.string().regex(/^ver_[0-9a-z]{26}$/, "is not a version id");
export const DeployEnvironment = z.enum(ENVIRONMENTS);
const Region = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "is not an AWS region");

export const PlanInput = z.object({
  projectId: ProjectId,
  versionId: VersionId,
  environment: DeployEnvironment.default("dev"),
  /** Overrides the spec's region (the plan refuses one the model is not offered in). */
  region: Region.optional(),
  requestsPerMonth: z.number().finite().min(0).max(1e12).optional(),
});
export type PlanInput = z.input<typeof PlanInput>;

/** The registries and prices the plan reads. */
export const planDeps = (registry: Registry, pricing: PricingFile): PlanDeps => ({ registry, cost: costDepsFrom(registry, pricing) });

/** The plan of a stored version of the caller's project (another user's → NOT_FOUND). Works with no account connected. */
export async function planDeployment(p: Pick<Platform, "db" | "blobs" | "dynamo">, deps: PlanDeps, userId: string, raw: PlanInput): Promise<DeployPlan & { versionId: string; version: number }> {
  const input = PlanInput.parse(raw);
  await getOwnedProject(p.db, userId, input.projectId);
  const version = await getVersion(p.db, input.projectId, input.versionId);
  // The version's spec at the project's usage: what the Cost tab saved and what calls measured.
  const [files, usage] = await Promise.all([readVersionFiles(p, version), projectUsageFacts(p, input.projectId)]);
  const plan = buildPlan({ files, environment: input.environment, region: input.region, requestsPerMonth: input.requestsPerMonth, usage }, deps);
  return { ...plan, versionId: version.id, version: version.version };
}
