import { z } from "zod";
import { DomainError } from "../../errors";
import { getDeployer } from "../../platform";
import type { Platform } from "../../platform/types";
import { getOwnedProject, ProjectId } from "../../projects/service";
import { publishEvent } from "../../realtime/publish";
import { getVersion, readVersionFiles } from "../../versions/service";
import { resolveTarget, DEPLOY_STATUS_EVENT } from "../driver";
import { transition } from "../machine";
import type { PlanDeps } from "../plan/build-plan";
import { findCfnTemplates } from "../plan/iac";
import { findLatestDeployment, getProjectDeployment, insertDeployment, listDeployments, listLastGoodDeployments, moveDeployment, type Deployment } from "../store";
import { watchDeployment } from "../watch";
import { findConnection, targetOf } from "./connection";
import { checkRolePermissions, requireAllowed } from "./permissions";
import { DeployEnvironment, planDeployment, VersionId } from "./plan";

export const DeploymentId = z.string().regex(/^dep_[0-9a-z]{26}$/, "is not a deployment id");
const Parameters = z.record(z.string().regex(/^[A-Za-z0-9]{1,255}$/), z.string().max(4096)).default({});
export const ApplyInput = z.object({ projectId: ProjectId, versionId: VersionId, environment: DeployEnvironment.default("dev"), parameters: Parameters });
export const DeploymentRef = z.object({ projectId: ProjectId, deploymentId: DeploymentId });
export const EnvRef = z.object({ projectId: ProjectId, environment: DeployEnvironment.default("dev") });
export const DestroyInput = EnvRef.extend({ confirm: z.string().max(200).optional() });

/**
 * Starts a deploy: the plan must pass (model offered in the region), an account must be
 * connected, and no other deployment of this project environment may be unfinished (CONFLICT
 * from a unique index). Returns at once; the change set is then built and waits for review.
 */
export async function applyDeployment(p: Platform, planDeps: PlanDeps, userId: string, raw: z.input<typeof ApplyInput>, kind: "deploy" | "rollback" = "deploy"): Promise<Deployment> {
  const input = ApplyInput.parse(raw);
  const plan = await planDeployment(p, planDeps, userId, { projectId: input.projectId, versionId: input.versionId, environment: input.environment });
  const connection = targetOf(await findConnection(p, userId));
  if (plan.region !== connection.region) {
    throw new DomainError("invalid", `The version deploys to ${plan.region} but the connected account is set up in ${connection.region}: connect a role in ${plan.region} or change the spec's region`, { field: "deployment.region" });
  }
  const deployer = await getDeployer(p);
  const { target, names } = await resolveTarget(p, deployer, userId);
  requireAllowed(await checkRolePermissions(deployer, target, names, plan.deployer));
  const d = await insertDeployment(p.db, {
    projectId: input.projectId, versionId: plan.versionId, version: plan.version, userId, environment: input.environment, kind,
    stackName: plan.stackName, region: plan.region, changeSetName: `agent-builder-v${plan.version}-${Date.now()}`, parameters: input.parameters,
  });
  void watchDeployment(p, d.id);
  return d;
}

async function ownedDeployment(p: Platform, userId: string, raw: z.input<typeof DeploymentRef>): Promise<Deployment> {
  const input = DeploymentRef.parse(raw);
  await getOwnedProject(p.db, userId, input.projectId);
  return getProjectDeployment(p.db, input.projectId, input.deploymentId);
}

/** The user approved the change set: execute it and watch the stack. */
export async function approveDeployment(p: Platform, userId: string, raw: z.input<typeof DeploymentRef>): Promise<Deployment> {
  const d = await ownedDeployment(p, userId, raw);
  const to = transition(d.status, { type: "approve" });
  const deployer = await getDeployer(p);
  const { target } = await resolveTarget(p, deployer, d.userId);
  const moved = await moveDeployment(p.db, d.id, d.status, to);
  if (!moved) throw new DomainError("conflict", "The deployment changed meanwhile: reload it");
  await deployer.executeChangeSet(target, d.stackName, d.changeSetName!);
  await publishEvent(p, d.projectId, DEPLOY_STATUS_EVENT, { deploymentId: d.id, status: moved.status, error: null, environment: d.environment });
  void watchDeployment(p, d.id);
  return moved;
}

export async function rejectDeployment(p: Platform, userId: string, raw: z.input<typeof DeploymentRef>): Promise<Deployment> {
  const d = await ownedDeployment(p, userId, raw);
  const to = transition(d.status, { type: "reject" });
  const deployer = await getDeployer(p);
  const { target } = await resolveTarget(p, deployer, d.userId);
  await deployer.deleteChangeSet(target, d.stackName, d.changeSetName!);
  const moved = await moveDeployment(p.db, d.id, d.status, to);
  if (!moved) throw new DomainError("conflict", "The deployment changed meanwhile: reload it");
  await publishEvent(p, d.projectId, DEPLOY_STATUS_EVENT, { deploymentId: d.id, status: moved.status, error: null, environment: d.environment });
  return moved;
}

const lastGood = (p: Platform, projectId: string, environment: string) => listLastGoodDeployments(p.db, projectId, environment);

/** Deploys the previous good version of the environment again (a change set to review, like any deploy). */
export async function rollbackDeployment(p: Platform, planDeps: PlanDeps, userId: string, raw: z.input<typeof EnvRef>): Promise<Deployment> {
  const input = EnvRef.parse(raw);
  await getOwnedProject(p.db, userId, input.projectId);
  const good = await lastGood(p, input.projectId, input.environment);
  const current = good[0];
  const previous = good.find((d) => d.versionId && d.versionId !== current?.versionId);
  if (!current || !previous) throw new DomainError("invalid", `There is no earlier good version of ${input.environment} to roll back to`, { environment: input.environment });
  return applyDeployment(p, planDeps, userId, { projectId: input.projectId, versionId: previous.versionId!, environment: input.environment, parameters: previous.parameters ?? {} }, "rollback");
}

/** Resources CloudFormation keeps after the stack is deleted (DeletionPolicy Retain), from the deployed template. */
async function retainedResources(p: Platform, d: { projectId: string; versionId: string | null }) {
  if (!d.versionId) return [];
  const files = await readVersionFiles(p, await getVersion(p.db, d.projectId, d.versionId));
  return (findCfnTemplates(files)[0]?.resources ?? []).filter((r) => r.deletionPolicy?.startsWith("Retain")).map((r) => ({ logicalId: r.logicalId, type: r.type }));
}

/** Deletes the environment's stack after the user typed its name; lists what CloudFormation retains. */
export async function destroyEnvironment(p: Platform, userId: string, raw: z.input<typeof DestroyInput>): Promise<Deployment> {
  const input = DestroyInput.parse(raw);
  await getOwnedProject(p.db, userId, input.projectId);
  const latest = await findLatestDeployment(p.db, input.projectId, input.environment);
  if (!latest) throw new DomainError("invalid", `Nothing has been deployed to ${input.environment}`);
  if (input.confirm !== latest.stackName) throw new DomainError("invalid", `confirm: type the stack name '${latest.stackName}' to destroy it`, { field: "confirm", expected: latest.stackName });
  const target = targetOf(await findConnection(p, userId));
  const retained = await retainedResources(p, latest);
  const d = await insertDeployment(p.db, { projectId: input.projectId, versionId: latest.versionId, version: latest.version, userId, environment: input.environment, kind: "destroy", stackName: latest.stackName, region: target.region, retained });
  void watchDeployment(p, d.id);
  return d;
}

export async function getDeploymentView(p: Platform, userId: string, raw: z.input<typeof DeploymentRef>) {
  return ownedDeployment(p, userId, raw);
}

/** Every deployment of the project, newest first: version, who, when, outcome, duration. */
export async function deploymentHistory(p: Platform, userId: string, projectId: string) {
  await getOwnedProject(p.db, userId, projectId);
  const rows = await listDeployments(p.db, projectId);
  return rows.map(({ d, who }) => ({ ...d, who, durationMs: d.finishedAt ? d.finishedAt.getTime() - d.createdAt.getTime() : null }));
}

/** Whether the environment's stack was changed outside the product. */
export async function environmentDrift(p: Platform, userId: string, raw: z.input<typeof EnvRef>) {
  const input = EnvRef.parse(raw);
  await getOwnedProject(p.db, userId, input.projectId);
  const [good] = await lastGood(p, input.projectId, input.environment);
  if (!good) throw new DomainError("invalid", `Nothing is deployed to ${input.environment}`);
  const deployer = await getDeployer(p);
  const { target } = await resolveTarget(p, deployer, userId);
  return { stackName: good.stackName, ...(await deployer.detectDrift(target, good.stackName)) };
}
