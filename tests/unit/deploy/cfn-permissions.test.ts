import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { loadRegistry } from "../../../server/composition/services";
import { bootstrapTemplate } from "../../../server/deploy/bootstrap";
import { allHandlerActions, cfnPermissions, handlerActions, HANDLERS, knownResourceTypes, parseCfnPermissions } from "../../../server/deploy/plan/cfn-permissions";
import { deployerPermissions } from "../../../server/deploy/plan/deployer-iam";
import { findCfnTemplates } from "../../../server/deploy/plan/iac";
import { generateProject } from "../../../server/generation";
import { registryLookup } from "../../../server/registry/load";
import { RegistryFileError } from "../../../server/registry/errors";
import { FIVE_TOOL_SPEC } from "../../helpers/deploy-spec";
import { SPEC } from "../../helpers/sample-spec";

/**
 * The bootstrap execution role, the plan's deployer needs and Apply's simulation come from one
 * data file: the CloudFormation registry schemas' handler permissions of every type we generate.
 */
const registry = registryLookup(loadRegistry());
const GUARDRAILS = { deniedTopics: [{ name: "Investment advice", definition: "Recommendations about which stocks to buy.", examples: ["Should I buy Tesla shares?"] }], profanity: true };

/** Every target × language, with each optional resource switched on and off. */
function specMatrix() {
  const out = [];
  for (const language of ["python", "typescript"] as const) {
    for (const deployment of [{ target: "agentcore" }, { target: "lambda" }, { target: "ecs-fargate" }, { target: "ecs-fargate", exposure: "oidc" }, { target: "ecs-fargate", loadBalancer: false }]) {
      out.push({ ...SPEC, language, deployment });
      out.push({ ...SPEC, language, deployment, guardrails: GUARDRAILS, memory: { type: "dynamodb" } });
      if (language === "python") out.push({ ...FIVE_TOOL_SPEC, deployment, guardrails: GUARDRAILS });
      out.push({ ...SPEC, language, deployment, memory: { type: "none" }, security: { secretsSource: "env" } });
    }
  }
  return out;
}

const generatedTypes = () => {
  const types = new Map<string, string>();
  for (const spec of specMatrix()) {
    const template = findCfnTemplates(generateProject(spec, registry).files)[0]!;
    for (const r of template.resources) types.set(r.type, `${spec.language} ${JSON.stringify(spec.deployment)}`);
  }
  return types;
};

/** `Type: "AWS::X::Y"` literals in the generators: a type a spec combination above may not reach. */
function builderTypeLiterals(): string[] {
  const dir = join(__dirname, "../../../server/generation/builders");
  const source = readdirSync(dir).filter((f) => f.endsWith(".ts")).map((f) => readFileSync(join(dir, f), "utf8")).join("\n");
  return [...new Set([...source.matchAll(/Type: "(AWS::\w+::\w+)"/g)].map((m) => m[1]!))].sort();
}

describe("CloudFormation handler permissions (one source)", () => {
  test("the data file validates and names its source commit", () => {
    const { source, types } = cfnPermissions();
    assert.match(source.commit, /^[0-9a-f]{40}$/);
    for (const [type, entry] of Object.entries(types)) {
      assert.ok(entry.handlers.create?.length && entry.handlers.delete?.length, `${type} has create and delete handlers`);
      assert.ok(Object.keys(entry.handlers).every((h) => (HANDLERS as readonly string[]).includes(h)));
    }
  });

  test("a corrupt file is refused naming the type and the field", () => {
    const raw = structuredClone(cfnPermissions()) as { types: Record<string, { handlers: Record<string, unknown> }> };
    raw.types["AWS::Lambda::Url"]!.handlers.create = ["CreateFunctionUrlConfig"];
    assert.throws(() => parseCfnPermissions(raw, "x.json"), (e) => e instanceof RegistryFileError && /^x\.json: field "types\.AWS::Lambda::Url\.handlers\.create\.0": expected service:Action/.test(e.message));
  });

  test("every type a generated template contains is in the data (no resource gets guessed actions)", () => {
    const types = generatedTypes();
    assert.ok(types.has("AWS::DynamoDB::Table") && types.has("AWS::Bedrock::GuardrailVersion"), "the matrix reaches the optional resources");
    const missing = [...types].filter(([t]) => handlerActions(t) === null).map(([t, where]) => `${t} (${where})`);
    assert.deepEqual(missing, []);
  });

  test("every resource type the generators can write is in the data", () => {
    const literals = builderTypeLiterals();
    assert.ok(literals.includes("AWS::Lambda::Url"), "the scan finds the generators' types");
    assert.deepEqual(literals.filter((t) => handlerActions(t) === null), []);
  });

  test("the plan lists each generated type's handler actions with their source; an unknown type gets none, named", () => {
    const spec = { ...SPEC, language: "typescript", deployment: { target: "lambda" }, guardrails: GUARDRAILS, memory: { type: "dynamodb" } } as const;
    const template = findCfnTemplates(generateProject(spec, registry).files)[0]!;
    const needs = deployerPermissions(template, { containerImage: false, lambdaPackage: true });
    const table = needs.find((n) => n.resourceType === "AWS::DynamoDB::Table")!;
    const entry = cfnPermissions().types["AWS::DynamoDB::Table"]!;
    for (const h of HANDLERS) for (const a of entry.handlers[h] ?? []) assert.ok(table.actions.includes(a), `${h}: ${a}`);
    assert.match(table.source ?? "", /pulumi\/pulumi-aws-native@[0-9a-f]{12}:aws-cloudformation-schema\/aws-dynamodb-table\.json/);
    const withBucket = { ...template, resources: [...template.resources, { logicalId: "Extra", type: "AWS::S3::Bucket", properties: {}, deletionPolicy: null, dependsOn: [] }] };
    const bucket = deployerPermissions(withBucket, { containerImage: false }).find((n) => n.resourceType === "AWS::S3::Bucket")!;
    assert.deepEqual([bucket.actions, bucket.source], [[], null]);
    assert.match(bucket.why, /grants nothing for it/);
  });

  test("the execution role is granted exactly the data's actions, within IAM's 10,240-character role policy quota", () => {
    const role = parse(bootstrapTemplate()).Resources.ExecutionRole.Properties;
    const statements = role.Policies.flatMap((p: { PolicyDocument: { Statement: { Action: string[] }[] } }) => p.PolicyDocument.Statement);
    const granted = statements.flatMap((s: { Action: string[] }) => s.Action);
    assert.deepEqual([...granted].sort(), allHandlerActions());
    assert.ok(granted.every((a: string) => !a.includes("*")), "no wildcard");
    assert.ok(knownResourceTypes().every((t) => handlerActions(t)!.every((a) => granted.includes(a))));
    // Fixed points, independent of how the list is derived: what creating a function and its role needs, and
    // the Logs schema's S3 access-log operation name, which is not an IAM action and must never be granted.
    for (const action of ["lambda:CreateFunction", "iam:PassRole", "iam:CreateRole"]) assert.ok(granted.includes(action), action);
    assert.ok(!granted.includes("s3:REST.PUT.OBJECT"));
    // IAM counts inline role policies without white space: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
    const size = role.Policies.map((p: { PolicyDocument: unknown }) => JSON.stringify(p.PolicyDocument).replace(/\s/g, "").length).reduce((a: number, b: number) => a + b, 0);
    assert.ok(size <= 10_240, `execution role inline policy is ${size} characters`);
  });
});
