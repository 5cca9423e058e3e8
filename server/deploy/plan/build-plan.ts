import { defaultUsage } from "../../cost/default-usage";
import { estimateCost } from "../../cost/estimate";
import { usageAt, type UsageFacts } from "../../cost/project-usage";
import type { CostDeps } from "../../cost/types";
import { DomainError } from "../../errors";
import type { ProjectFiles } from "../../generation/types";
import type { Registry } from "../../registry/load";
import { iacOf, parseSpecOrThrow, type AgentSpec, type IacTool } from "../../spec/agent-spec";
import { lambdaPackageOf, type LambdaPackageNeed } from "../lambda-package";
import { ciCommands, stackName, type CiStep } from "./commands";
import { deployerPermissions, type DeployerPermission } from "./deployer-iam";
import { findCfnTemplates, type CfnTemplate } from "./iac";
import { agentRoles, type AgentRole } from "./iam";
import { checkModelAccess } from "./model-access";
import { prerequisites, type Prerequisite } from "./prerequisites";

export const ENVIRONMENTS = ["dev", "prod"] as const;
export type DeployEnvironment = (typeof ENVIRONMENTS)[number];

export type DeployPlan = {
  stackName: string;
  environment: DeployEnvironment;
  region: string;
  target: AgentSpec["deployment"]["target"];
  /**
   * What the project deploys itself with. Deploys from the product always apply the
   * CloudFormation template the generator writes beside the Terraform (same resources, IAM
   * checked equal at verification); `ciCommands` follow the project's own choice.
   */
  iac: IacTool;
  /** Container targets build an ARM64 image with CodeBuild before the stack changes. */
  needsImage: boolean;
  /** Lambda targets build their deployment package (scripts/package-lambda.sh) with CodeBuild first. */
  lambdaPackage: LambdaPackageNeed | null;
  templatePath: string;
  resources: { logicalId: string; type: string; retainedOnDelete: boolean }[];
  parameters: { name: string; default: unknown; suppliedBy: "default" | "platform" | "user" }[];
  outputs: string[];
  deployer: DeployerPermission[];
  agentRoles: AgentRole[];
  prerequisites: Prerequisite[];
  cost: { monthlyUsd: number; excludesUnknown: string[]; usageSource: string; notes: string[] } | { monthlyUsd: null; reason: string };
  ciCommands: CiStep[];
};

export type PlanInput = {
  files: ProjectFiles;
  environment: DeployEnvironment;
  region?: string;
  requestsPerMonth?: number;
  /**
   * The project's usage, when the plan is of a stored project: the cost assumptions saved on
   * its Cost tab and its measured calls, priced exactly as the Cost tab prices them (one
   * record). Without it (a directory on disk, the CLI) the spec's own figures are used.
   */
  usage?: UsageFacts;
};
export type PlanDeps = { registry: Registry; cost: CostDeps };

/** Parameters the platform fills at deploy time: the image or code location from the build step. */
const PLATFORM_PARAMS = /^(ImageUri|CodeBucket|CodeKey|ArtifactBucket|ArtifactKey)$/;

function specOf(files: ProjectFiles, region?: string): AgentSpec {
  const raw = files.get("agent-spec.json");
  if (typeof raw !== "string") throw new DomainError("invalid", "The version has no agent-spec.json: regenerate it before deploying");
  const spec = parseSpecOrThrow(JSON.parse(raw), "The version's agent-spec.json is invalid");
  return region ? { ...spec, deployment: { ...spec.deployment, region } } : spec;
}

function costOf(spec: AgentSpec, deps: PlanDeps, input: PlanInput): DeployPlan["cost"] {
  const whatIf = input.requestsPerMonth === undefined ? {} : { requestsPerMonth: input.requestsPerMonth };
  try {
    const resolved = input.usage ? usageAt(spec, input.usage, whatIf) : null;
    const e = estimateCost(spec, resolved?.usage ?? defaultUsage(spec, whatIf), deps.cost);
    return { monthlyUsd: e.total, excludesUnknown: e.unknownServices, usageSource: e.usageSource, notes: resolved?.notes ?? [] };
  } catch (e) {
    if (e instanceof DomainError) return { monthlyUsd: null, reason: e.message };
    throw e;
  }
}

/**
 * The deployment plan of a version, offline: what the stack creates (from the generated
 * CloudFormation), the IAM on both sides, what must exist first, the monthly cost and the
 * commands to do the same from CI. Pure over the file set and the registries. Throws
 * DomainError "invalid" when the region cannot call the model (naming the regions that can).
 */
export function buildPlan(input: PlanInput, deps: PlanDeps): DeployPlan {
  const spec = specOf(input.files, input.region);
  const model = deps.registry.modelById.get(spec.model.id);
  if (!model) throw new DomainError("not_found", `Model '${spec.model.id}' is not in the registry`);
  const access = checkModelAccess(model, spec.deployment.region, deps.registry.models);
  const templates = findCfnTemplates(input.files);
  const template: CfnTemplate | null = templates[0] ?? null;
  if (!template) throw new DomainError("invalid", "The version has no CloudFormation template to deploy");
  const tools = spec.tools.map((t) => deps.registry.toolById.get(t.id)).filter((t) => t !== undefined);
  const needsImage = spec.deployment.target !== "lambda" && template.parameters.some((p) => p.name === "ImageUri");
  const lambdaPackage = needsImage ? null : lambdaPackageOf(template);
  return {
    stackName: stackName(spec, input.environment),
    environment: input.environment,
    region: spec.deployment.region,
    target: spec.deployment.target,
    iac: iacOf(spec.deployment),
    needsImage,
    lambdaPackage,
    templatePath: template.path,
    resources: template.resources.map((r) => ({ logicalId: r.logicalId, type: r.type, retainedOnDelete: r.deletionPolicy === "Retain" || r.deletionPolicy === "RetainExceptOnCreate" })),
    parameters: template.parameters.map((p) => ({ name: p.name, default: p.default, suppliedBy: PLATFORM_PARAMS.test(p.name) ? "platform" : p.default !== null ? "default" : "user" })),
    outputs: template.outputs.map((o) => o.name),
    deployer: deployerPermissions(template, { containerImage: needsImage, lambdaPackage: lambdaPackage !== null }),
    agentRoles: agentRoles(template),
    prerequisites: prerequisites(spec, access, tools, template),
    cost: costOf(spec, deps, input),
    ciCommands: ciCommands(spec, input.environment, template, input.files),
  };
}
