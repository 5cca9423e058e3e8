import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { loadPricing } from "../../../server/cost/pricing";
import { DomainError } from "../../../server/errors";
import { generateProject } from "../../../server/generation";
import { buildPlan } from "../../../server/deploy/plan/build-plan";
import { parseCfnTemplate } from "../../../server/deploy/plan/iac";
import { registryLookup } from "../../../server/registry/load";
import { loadRegistry } from "../../../server/composition/services";
import { FIVE_TOOL_SPEC } from "../../helpers/deploy-spec";

const registry = loadRegistry();
const deps = { registry, cost: { getModel: (id: string) => registry.modelById.get(id), listModels: () => registry.models, pricing: loadPricing() } };
const filesFor = (spec: Record<string, unknown>) => generateProject(spec, registryLookup(registry)).files;

describe("deploy plan", () => {
  test("lists the stack's resources, IAM both ways, prerequisites, cost and CI commands", () => {
    const files = filesFor(FIVE_TOOL_SPEC);
    const plan = buildPlan({ files, environment: "dev" }, deps);
    assert.equal(plan.stackName, "orders-agent-dev");
    assert.equal(plan.needsImage, true);
    // Every resource of the generated template is listed, whatever its layout.
    const template = parseCfnTemplate(plan.templatePath, files.get(plan.templatePath) as string)!;
    assert.deepEqual(plan.resources.map((r) => r.logicalId).sort(), template.resources.map((r) => r.logicalId).sort());
    assert.ok(plan.resources.some((r) => r.type === "AWS::ECS::Service"));
    // The agent's roles carry the model and knowledge-base statements of the spec.
    const actions = plan.agentRoles.flatMap((r) => r.statements.flatMap((s) => s.actions));
    assert.ok(actions.includes("bedrock:InvokeModel"));
    assert.ok(actions.includes("bedrock:Retrieve"));
    // The deployer may pass the roles and create every resource type.
    const deployer = plan.deployer.flatMap((d) => d.actions);
    assert.ok(deployer.includes("iam:PassRole") && deployer.includes("ecs:CreateService") && deployer.includes("codebuild:StartBuild"));
    const kinds = plan.prerequisites.map((p) => p.kind);
    assert.deepEqual([...new Set(kinds)].sort(), ["model-access", "resource-id", "secret"]);
    const secret = plan.prerequisites.find((p) => p.kind === "secret");
    assert.ok(secret && secret.kind === "secret" && secret.keys.includes("TAVILY_API_KEY"));
    const ids = plan.prerequisites.flatMap((p) => (p.kind === "resource-id" ? [p.value] : []));
    assert.deepEqual(ids.sort(), ["KBORDERS01", "mem-orders"]);
    assert.ok(plan.cost.monthlyUsd !== null && plan.cost.monthlyUsd > 0);
    const deploy = plan.ciCommands.find((c) => c.command.startsWith("aws cloudformation deploy"));
    assert.ok(deploy?.command.includes("--stack-name orders-agent-dev") && deploy.command.includes("VpcId=<VpcId>"), deploy?.command);
  });

  test("a Terraform project still plans (and deploys from here) off its CloudFormation; its CI commands are its own Terraform script", () => {
    const files = filesFor({ ...FIVE_TOOL_SPEC, deployment: { target: "ecs-fargate", iac: "terraform" } });
    const plan = buildPlan({ files, environment: "dev" }, deps);
    const cfnPlan = buildPlan({ files: filesFor(FIVE_TOOL_SPEC), environment: "dev" }, deps);
    assert.equal(plan.iac, "terraform");
    assert.equal(cfnPlan.iac, "cloudformation");
    assert.equal(plan.templatePath, "infra/cloudformation.yaml");
    assert.deepEqual(plan.resources, cfnPlan.resources);
    assert.deepEqual(plan.agentRoles, cfnPlan.agentRoles);
    assert.equal(plan.ciCommands.length, 1);
    const command = plan.ciCommands[0]!.command;
    for (const v of ["TF_STATE_BUCKET", "VPC_ID", "SUBNET_IDS", "CERTIFICATE_ARN"]) assert.ok(command.includes(`${v}=<${v}>`), command);
    assert.match(command, /sh scripts\/deploy\.sh$/);
    assert.match(files.get("scripts/deploy.sh") as string, /TF="terraform -chdir=infra\/terraform"[\s\S]*\$TF apply -input=false/);
  });

  test("a region without the model is refused, naming the regions that have it", () => {
    const files = filesFor({ ...FIVE_TOOL_SPEC, model: { id: "us.anthropic.claude-opus-5" } });
    assert.throws(
      () => buildPlan({ files, environment: "prod", region: "eu-west-1" }, deps),
      (e: unknown) => e instanceof DomainError && e.code === "invalid" && /US Regions/.test(e.message) && /eu\.anthropic\.claude-opus-5/.test(e.message) && e.details?.field === "deployment.region",
    );
    const plan = buildPlan({ files, environment: "prod", region: "us-west-2" }, deps);
    const access = plan.prerequisites.find((p) => p.kind === "model-access");
    assert.ok(access && access.kind === "model-access" && access.access.profiles.some((p) => p.modelId === "eu.anthropic.claude-opus-5"));
  });

  test("CloudFormation short-form tags and JSON templates parse to the same resources", () => {
    const yaml = "Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      Policies:\n        - PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: s3:GetObject\n                Resource: !Sub arn:aws:s3:::${Bucket}/*\n  Bucket:\n    Type: AWS::S3::Bucket\n    DeletionPolicy: Retain\n    Properties:\n      BucketName: !Ref Name\n";
    const a = parseCfnTemplate("t.yaml", yaml)!;
    const b = parseCfnTemplate("t.json", JSON.stringify({ Resources: { Role: { Type: "AWS::IAM::Role" }, Bucket: { Type: "AWS::S3::Bucket", DeletionPolicy: "Retain" } } }))!;
    assert.deepEqual(a.resources.map((r) => [r.logicalId, r.type, r.deletionPolicy]), b.resources.map((r) => [r.logicalId, r.type, r.deletionPolicy]));
    assert.deepEqual(a.resources[1]!.properties.BucketName, { Ref: "Name" });
    assert.equal(parseCfnTemplate("x.yaml", "name: not cloudformation\n"), null);
  });
});
