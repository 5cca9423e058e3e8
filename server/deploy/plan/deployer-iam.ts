import { handlerActions, handlerSource } from "./cfn-permissions";
import type { CfnTemplate } from "./iac";

/**
 * The permissions the deploy roles need to create, update and delete this stack: the deploy
 * role's own calls (change sets, the artifact upload, the build), and per resource type the
 * actions CloudFormation's handlers call with the execution role, read from the type's
 * registry schema (cfn-permissions.ts). A type missing from that data gets no actions and
 * `source: null`: the plan says so rather than guess.
 */
export type DeployerPermission = { service: string; resourceType: string | null; actions: string[]; source: string | null; why: string };

const OWN_CALLS = "Agent Builder's deploy flow (server/platform/deployer/aws-deployer.ts)";

/** `AWS::ElasticLoadBalancingV2::X` → the IAM service prefix, for grouping in the plan. */
const SERVICE_PREFIX: Record<string, string> = { ElasticLoadBalancingV2: "elasticloadbalancing", BedrockAgentCore: "bedrock-agentcore", SecretsManager: "secretsmanager" };

function serviceOf(type: string): string {
  const name = type.split("::")[1] ?? "unknown";
  return SERVICE_PREFIX[name] ?? name.toLowerCase();
}

/** What CloudFormation itself needs from the deploy role to run the change set flow, drift and teardown. */
export const STACK_ACTIONS = [
  "cloudformation:CreateChangeSet", "cloudformation:DescribeChangeSet", "cloudformation:ExecuteChangeSet", "cloudformation:DeleteChangeSet",
  "cloudformation:DescribeStacks", "cloudformation:DescribeStackEvents", "cloudformation:DeleteStack", "cloudformation:GetTemplate",
  "cloudformation:DetectStackDrift", "cloudformation:DescribeStackDriftDetectionStatus", "cloudformation:DescribeStackResourceDrifts",
];

export const ARTIFACT_ACTIONS = ["s3:PutObject", "s3:GetObject"];
export const BUILD_ACTIONS = ["codebuild:StartBuild", "codebuild:BatchGetBuilds"];

function resourceNeed(template: CfnTemplate, type: string): DeployerPermission {
  const ids = template.resources.filter((r) => r.type === type).map((r) => r.logicalId).join(", ");
  const actions = handlerActions(type);
  if (!actions) return { service: serviceOf(type), resourceType: type, actions: [], source: null, why: `no CloudFormation handler permissions are recorded for ${type} (${ids}), so the bootstrap execution role grants nothing for it: grant them yourself or remove it` };
  return { service: serviceOf(type), resourceType: type, actions, source: handlerSource(type), why: `create, read, update and delete ${ids}` };
}

export function deployerPermissions(template: CfnTemplate, opts: { containerImage: boolean; lambdaPackage?: boolean }): DeployerPermission[] {
  const out: DeployerPermission[] = [
    { service: "cloudformation", resourceType: null, actions: STACK_ACTIONS, source: OWN_CALLS, why: "change sets, events, drift and teardown of the agent's stack" },
    { service: "s3", resourceType: null, actions: ARTIFACT_ACTIONS, source: OWN_CALLS, why: "upload the version's artifact to the bootstrap bucket" },
    { service: "iam", resourceType: null, actions: ["iam:PassRole"], source: OWN_CALLS, why: "hand the bootstrap execution role to CloudFormation (the change set's RoleARN)" },
  ];
  if (opts.containerImage) {
    out.push({ service: "codebuild", resourceType: null, actions: BUILD_ACTIONS, source: OWN_CALLS, why: "build and push the ARM64 image with the bootstrap CodeBuild project" });
  } else if (opts.lambdaPackage) {
    out.push({ service: "codebuild", resourceType: null, actions: BUILD_ACTIONS, source: OWN_CALLS, why: "run scripts/package-lambda.sh with the bootstrap CodeBuild project (the ZIP Lambda runs)" });
  }
  for (const type of [...new Set(template.resources.map((r) => r.type))].sort()) out.push(resourceNeed(template, type));
  return out;
}

/** The needs of the deploy role whatever the project: what connecting an account checks. */
export function baseDeployerPermissions(): DeployerPermission[] {
  const none: CfnTemplate = { path: "", body: "", description: null, resources: [], parameters: [], outputs: [] };
  // CodeBuild's actions are the same for images and Lambda packages.
  return deployerPermissions(none, { containerImage: true });
}

/**
 * The actions to simulate, split by the role that performs them: the deploy role calls
 * CloudFormation, S3 and CodeBuild itself; CloudFormation creates the resources with the
 * bootstrap execution role (the change set's RoleARN). Wildcards cannot be simulated.
 */
export function actionsByRole(needs: DeployerPermission[]): { deployRole: string[]; executionRole: string[] } {
  const actions = (ps: DeployerPermission[]) => [...new Set(ps.flatMap((p) => p.actions).filter((a) => !a.includes("*")))];
  return { deployRole: actions(needs.filter((p) => p.resourceType === null)), executionRole: actions(needs.filter((p) => p.resourceType !== null)) };
}
