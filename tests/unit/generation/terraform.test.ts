import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parse } from "@cdktf/hcl2json";
import { parse as parseYamlText } from "yaml";
import { generateProject } from "../../../server/generation/generate-project";
import { verifyProject } from "../../../server/generation/verify/verify-project";
import type { AgentSpecInput } from "../../../server/spec/agent-spec";
import { baseSpec, fixtureRegistry } from "./fixtures";

/**
 * Terraform output (deployment.iac = "terraform") for every language × target: the same
 * resources as the CloudFormation template, IAM identical to it, and every file checked
 * against the AWS provider schema by the verifier, which these tests also prove can fail.
 */

const LANGUAGES = ["python", "typescript"] as const;
const TARGETS = ["agentcore", "ecs-fargate", "lambda"] as const;
type Target = (typeof TARGETS)[number];

/** The Terraform type each CloudFormation resource becomes (parts CloudFormation inlines are extra Terraform resources). */
const TF_TYPE: Record<string, string> = {
  "AWS::SecretsManager::Secret": "aws_secretsmanager_secret",
  "AWS::DynamoDB::Table": "aws_dynamodb_table",
  "AWS::Bedrock::Guardrail": "aws_bedrock_guardrail",
  "AWS::Bedrock::GuardrailVersion": "aws_bedrock_guardrail_version",
  "AWS::IAM::Role": "aws_iam_role",
  "AWS::BedrockAgentCore::Runtime": "aws_bedrockagentcore_agent_runtime",
  "AWS::Logs::LogGroup": "aws_cloudwatch_log_group",
  "AWS::Lambda::Function": "aws_lambda_function",
  "AWS::Lambda::Url": "aws_lambda_function_url",
  "AWS::ECS::Cluster": "aws_ecs_cluster",
  "AWS::ECS::TaskDefinition": "aws_ecs_task_definition",
  "AWS::ECS::Service": "aws_ecs_service",
  "AWS::EC2::SecurityGroup": "aws_security_group",
  "AWS::ElasticLoadBalancingV2::LoadBalancer": "aws_lb",
  "AWS::ElasticLoadBalancingV2::TargetGroup": "aws_lb_target_group",
  "AWS::ElasticLoadBalancingV2::Listener": "aws_lb_listener",
};

function spec(language: (typeof LANGUAGES)[number], target: Target, over: Partial<AgentSpecInput> = {}): AgentSpecInput {
  const tools = language === "python" ? [{ id: "http_request" }, { id: "knowledge_base", config: { knowledge_base_id: "KB12345" } }] : [{ id: "http_request" }];
  const deployment = { target, iac: "terraform", ...(target === "ecs-fargate" && language === "typescript" ? { exposure: "oidc" } : {}) };
  return baseSpec({ name: `tf-${language}-${target}`, language, tools, deployment: deployment as AgentSpecInput["deployment"], ...over });
}

const terraformFiles = (files: Map<string, string | Uint8Array>) => [...files].filter(([p]) => p.startsWith("infra/terraform/")) as Array<[string, string]>;

async function resourceCounts(files: Array<[string, string]>): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const [path, text] of files) {
    const parsed = (await parse(path, text)) as { resource?: Record<string, Record<string, unknown>> };
    for (const [type, byName] of Object.entries(parsed.resource ?? {})) counts.set(type, (counts.get(type) ?? 0) + Object.keys(byName).length);
  }
  return counts;
}

const terraformErrors = (r: Awaited<ReturnType<typeof verifyProject>>) => r.checks.filter((c) => c.check === "terraform" && c.severity === "error").map((c) => c.message);

// A guardrail adds a resource, its version, an IAM statement and two environment variables on both sides.
const GUARDRAILS = {
  deniedTopics: [{ name: "Investment advice", definition: "Recommendations about which stocks or funds to buy.", examples: ["Should I buy Tesla shares?"] }],
  pii: [{ type: "EMAIL", action: "ANONYMIZE" }],
  words: ["bazooka"],
  profanity: true,
  groundingThreshold: 0.75,
} as unknown as AgentSpecInput["guardrails"];

for (const language of LANGUAGES) {
  describe(`${language} projects with Terraform`, () => {
    for (const [target, over] of TARGETS.flatMap((t) => [[t, {}], [t, { guardrails: GUARDRAILS }]] as Array<[Target, Partial<AgentSpecInput>]>)) {
      test(`${target}${over.guardrails ? " with a guardrail" : ""}: the CloudFormation resources, the same IAM, valid against the provider schema`, async () => {
        const project = generateProject(spec(language, target, over), fixtureRegistry);
        const tf = terraformFiles(project.files);
        assert.deepEqual(tf.map(([p]) => p).sort(), ["infra/terraform/main.tf", "infra/terraform/outputs.tf", "infra/terraform/variables.tf", "infra/terraform/versions.tf"]);

        const cfn = parseYamlText(project.files.get("infra/cloudformation.yaml") as string) as { Resources: Record<string, { Type: string }> };
        const counts = await resourceCounts(tf);
        const expected = new Map<string, number>();
        for (const r of Object.values(cfn.Resources)) expected.set(TF_TYPE[r.Type]!, (expected.get(TF_TYPE[r.Type]!) ?? 0) + 1);
        for (const [type, n] of expected) assert.equal(counts.get(type), n, `${type}: ${n} in CloudFormation`);

        const result = await verifyProject(project.files, { requiredIam: project.requiredIam });
        assert.deepEqual(result.checks.filter((c) => c.severity === "error"), []);
        assert.deepEqual(result.ran.find((r) => r.check === "terraform"), { ...result.ran.find((r) => r.check === "terraform"), files: 4, status: "passed" });

        const script = project.files.get("scripts/deploy.sh") as string;
        assert.match(script, /terraform -chdir=infra\/terraform/);
        assert.doesNotMatch(script, /aws cloudformation deploy/);
        const workflow = project.files.get(".github/workflows/ci.yml") as string;
        assert.match(workflow, /hashicorp\/setup-terraform@[0-9a-f]{40}/);
        assert.match(workflow, /TF_STATE_BUCKET: \$\{\{ vars\.TF_STATE_BUCKET \}\}/);
        assert.match(project.files.get("README.md") as string, /### Terraform/);
      });
    }
  });
}

test("the CloudFormation template is the same bytes whichever IaC is chosen (product deploys use it); a CloudFormation project has no Terraform", async () => {
  for (const target of TARGETS) {
    const tf = generateProject(spec("python", target), fixtureRegistry);
    const cfSpec = spec("python", target);
    delete (cfSpec.deployment as { iac?: string }).iac;
    const plain = generateProject(cfSpec, fixtureRegistry);
    assert.equal(tf.files.get("infra/cloudformation.yaml"), plain.files.get("infra/cloudformation.yaml"));
    assert.equal(terraformFiles(plain.files).length, 0);
    assert.notEqual(plain.contentHash, tf.contentHash);
    assert.match(plain.files.get("scripts/deploy.sh") as string, /aws cloudformation deploy/);
    const result = await verifyProject(plain.files, { requiredIam: plain.requiredIam });
    assert.equal(result.ran.find((r) => r.check === "terraform")?.status, "not-applicable");
  }
});

test("an unknown IaC value is refused naming deployment.iac", () => {
  assert.throws(() => generateProject(baseSpec({ deployment: { target: "lambda", iac: "pulumi" } as never }), fixtureRegistry), /deployment\.iac/);
});

describe("the Terraform check fails what it should", () => {
  const base = generateProject(spec("typescript", "ecs-fargate"), fixtureRegistry);
  const mutate = async (file: string, edit: (text: string) => string) => {
    const files = new Map(base.files);
    const before = files.get(file) as string;
    const after = edit(before);
    assert.notEqual(after, before, "the mutation changed nothing");
    files.set(file, after);
    return terraformErrors(await verifyProject(files, { requiredIam: base.requiredIam }));
  };
  const MAIN = "infra/terraform/main.tf";

  test("a policy statement removed or an action added: the IAM no longer equals the CloudFormation IAM", async () => {
    const less = await mutate(MAIN, (t) => t.replace(/actions\s+= \["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"\]/, 'actions = ["bedrock:InvokeModel"]'));
    assert.ok(less.some((m) => /grants less than infra\/cloudformation\.yaml/.test(m)), less.join("\n"));
    const more = await mutate(MAIN, (t) => t.replace('actions   = ["cloudwatch:PutMetricData"]', 'actions   = ["cloudwatch:PutMetricData", "s3:GetObject"]'));
    assert.ok(more.some((m) => /grants more than infra\/cloudformation\.yaml/.test(m)), more.join("\n"));
  });

  test("an unknown argument, a missing required one, a block written as an attribute, an unknown type", async () => {
    assert.ok((await mutate(MAIN, (t) => t.replace('  family                   = "tf-typescript-ecs-fargate"', '  family = "tf-typescript-ecs-fargate"\n  famliy = "x"'))).some((m) => /famliy is not an argument/.test(m)));
    assert.ok((await mutate(MAIN, (t) => t.replace(/\n  family\s+= "tf-typescript-ecs-fargate"/, ""))).some((m) => /aws_ecs_task_definition\.agent\.family is required/.test(m)));
    assert.ok((await mutate(MAIN, (t) => t.replace("  volume {", "  volume = {"))).some((m) => /volume must be a nested block/.test(m)));
    assert.ok((await mutate(MAIN, (t) => t.replace('resource "aws_ecs_cluster"', 'resource "aws_ecs_clustr"'))).some((m) => /aws_ecs_clustr is not in the AWS provider/.test(m)));
  });

  test("a dangling reference and a syntax error", async () => {
    const dangling = await mutate(MAIN, (t) => t.replace("vpc_id = var.vpc_id", "vpc_id = var.vpc").replace("vpc_id      = var.vpc_id", "vpc_id      = var.vpc"));
    assert.ok(dangling.some((m) => /var\.vpc is not declared/.test(m)), dangling.join("\n"));
    const attr = await mutate("infra/terraform/outputs.tf", (t) => t.replace("aws_iam_role.task.arn", "aws_iam_role.task.arnn"));
    assert.ok(attr.some((m) => /aws_iam_role\.task\.arnn is not an attribute/.test(m)), attr.join("\n"));
    const broken = await mutate("infra/terraform/outputs.tf", (t) => `${t}\noutput "x" {\n`);
    assert.ok(broken.some((m) => /does not parse/.test(m)), broken.join("\n"));
  });
});
