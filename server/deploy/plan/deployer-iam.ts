import type { CfnTemplate } from "./iac";

/**
 * The permissions the deploy role needs to create, update and delete this stack, derived
 * from the resource types in the template. Types we know get their exact actions (from each
 * service's "Actions defined by …" page in the IAM Service Authorization Reference); any other
 * type gets the CRUD actions its name implies, flagged `inferred` so the user checks them.
 */
export type DeployerPermission = { service: string; resourceType: string | null; actions: string[]; inferred: boolean; why: string };

const KNOWN: Record<string, string[]> = {
  "AWS::IAM::Role": ["iam:CreateRole", "iam:DeleteRole", "iam:GetRole", "iam:UpdateAssumeRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:GetRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:TagRole", "iam:PassRole"],
  "AWS::IAM::Policy": ["iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:GetRolePolicy"],
  "AWS::Logs::LogGroup": ["logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:PutRetentionPolicy", "logs:DescribeLogGroups", "logs:TagResource"],
  "AWS::ECS::Cluster": ["ecs:CreateCluster", "ecs:DeleteCluster", "ecs:DescribeClusters", "ecs:TagResource"],
  "AWS::ECS::TaskDefinition": ["ecs:RegisterTaskDefinition", "ecs:DeregisterTaskDefinition", "ecs:DescribeTaskDefinition", "ecs:TagResource"],
  "AWS::ECS::Service": ["ecs:CreateService", "ecs:UpdateService", "ecs:DeleteService", "ecs:DescribeServices", "ecs:TagResource"],
  "AWS::EC2::SecurityGroup": ["ec2:CreateSecurityGroup", "ec2:DeleteSecurityGroup", "ec2:DescribeSecurityGroups", "ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress", "ec2:RevokeSecurityGroupEgress", "ec2:CreateTags"],
  "AWS::ElasticLoadBalancingV2::LoadBalancer": ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:DeleteLoadBalancer", "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:AddTags"],
  "AWS::ElasticLoadBalancingV2::TargetGroup": ["elasticloadbalancing:CreateTargetGroup", "elasticloadbalancing:DeleteTargetGroup", "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:ModifyTargetGroup", "elasticloadbalancing:AddTags"],
  "AWS::ElasticLoadBalancingV2::Listener": ["elasticloadbalancing:CreateListener", "elasticloadbalancing:DeleteListener", "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:ModifyListener"],
  "AWS::Lambda::Function": ["lambda:CreateFunction", "lambda:DeleteFunction", "lambda:GetFunction", "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration", "lambda:TagResource"],
  "AWS::Lambda::Url": ["lambda:CreateFunctionUrlConfig", "lambda:DeleteFunctionUrlConfig", "lambda:GetFunctionUrlConfig", "lambda:UpdateFunctionUrlConfig"],
  "AWS::Lambda::Permission": ["lambda:AddPermission", "lambda:RemovePermission"],
  "AWS::SecretsManager::Secret": ["secretsmanager:CreateSecret", "secretsmanager:DeleteSecret", "secretsmanager:DescribeSecret", "secretsmanager:TagResource"],
  "AWS::BedrockAgentCore::Runtime": ["bedrock-agentcore:CreateAgentRuntime", "bedrock-agentcore:UpdateAgentRuntime", "bedrock-agentcore:DeleteAgentRuntime", "bedrock-agentcore:GetAgentRuntime", "bedrock-agentcore:TagResource"],
};

/** `AWS::ElasticLoadBalancingV2::X` → the IAM service prefix. */
const SERVICE_PREFIX: Record<string, string> = { ElasticLoadBalancingV2: "elasticloadbalancing", BedrockAgentCore: "bedrock-agentcore", SecretsManager: "secretsmanager", CloudWatch: "cloudwatch", ApiGatewayV2: "apigateway", ApiGateway: "apigateway" };

function serviceOf(type: string): string {
  const name = type.split("::")[1] ?? "unknown";
  return SERVICE_PREFIX[name] ?? name.toLowerCase();
}

function inferredActions(type: string): string[] {
  const service = serviceOf(type);
  const noun = type.split("::")[2] ?? "Resource";
  return [`${service}:Create${noun}`, `${service}:Update${noun}`, `${service}:Delete${noun}`, `${service}:Describe${noun}*`, `${service}:Get${noun}`, `${service}:TagResource`];
}

/** What CloudFormation itself needs from the deploy role to run the change set flow, drift and teardown. */
const STACK_ACTIONS = [
  "cloudformation:CreateChangeSet", "cloudformation:DescribeChangeSet", "cloudformation:ExecuteChangeSet", "cloudformation:DeleteChangeSet",
  "cloudformation:DescribeStacks", "cloudformation:DescribeStackEvents", "cloudformation:DeleteStack", "cloudformation:GetTemplate",
  "cloudformation:DetectStackDrift", "cloudformation:DescribeStackDriftDetectionStatus", "cloudformation:DescribeStackResourceDrifts",
];

export function deployerPermissions(template: CfnTemplate, opts: { containerImage: boolean; lambdaPackage?: boolean }): DeployerPermission[] {
  const out: DeployerPermission[] = [
    { service: "cloudformation", resourceType: null, actions: STACK_ACTIONS, inferred: false, why: "change sets, events, drift and teardown of the agent's stack" },
    { service: "s3", resourceType: null, actions: ["s3:PutObject", "s3:GetObject"], inferred: false, why: "upload the version's artifact to the bootstrap bucket" },
    { service: "iam", resourceType: null, actions: ["iam:PassRole"], inferred: false, why: "hand the bootstrap execution role to CloudFormation (the change set's RoleARN)" },
  ];
  if (opts.containerImage) {
    out.push({ service: "codebuild", resourceType: null, actions: ["codebuild:StartBuild", "codebuild:BatchGetBuilds"], inferred: false, why: "build and push the ARM64 image with the bootstrap CodeBuild project" });
  } else if (opts.lambdaPackage) {
    out.push({ service: "codebuild", resourceType: null, actions: ["codebuild:StartBuild", "codebuild:BatchGetBuilds"], inferred: false, why: "run scripts/package-lambda.sh with the bootstrap CodeBuild project (the ZIP Lambda runs)" });
  }
  for (const type of [...new Set(template.resources.map((r) => r.type))].sort()) {
    const known = KNOWN[type];
    out.push({
      service: serviceOf(type),
      resourceType: type,
      actions: known ?? inferredActions(type),
      inferred: !known,
      why: `create, update and delete ${template.resources.filter((r) => r.type === type).map((r) => r.logicalId).join(", ")}`,
    });
  }
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
 * bootstrap execution role (the change set's RoleARN). Inferred actions are guesses from a
 * type's name (one that does not exist would read as denied) and wildcards cannot be
 * simulated: both are left to the user, as the plan flags them.
 */
export function actionsByRole(needs: DeployerPermission[]): { deployRole: string[]; executionRole: string[] } {
  const actions = (ps: DeployerPermission[]) => [...new Set(ps.filter((p) => !p.inferred).flatMap((p) => p.actions).filter((a) => !a.includes("*")))];
  return { deployRole: actions(needs.filter((p) => p.resourceType === null)), executionRole: actions(needs.filter((p) => p.resourceType !== null)) };
}
