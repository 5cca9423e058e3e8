import { afterEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mockClient } from "aws-sdk-client-mock";
import { IAMClient, SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { parse } from "yaml";
import { bootstrapNames, bootstrapTemplate } from "../../../server/deploy/bootstrap";
import { actionsByRole, baseDeployerPermissions } from "../../../server/deploy/plan/deployer-iam";
import { checkRolePermissions, requireAllowed } from "../../../server/deploy/service/permissions";
import { DomainError } from "../../../server/errors";
import { AwsDeployer } from "../../../server/platform/deployer/aws-deployer";
import type { DeployTarget } from "../../../server/platform/deployer/types";

/** Response shapes follow the IAM API reference, SimulatePrincipalPolicy (docs.aws.amazon.com/IAM/latest/APIReference, read 2026-12-05). */
const iam = mockClient(IAMClient);
const sts = mockClient(STSClient);
const ROLE = "arn:aws:iam::123456789012:role/agent-builder-deploy-us-east-1";
const target: DeployTarget = { mode: "role", roleArn: ROLE, externalId: "ext-123", region: "us-east-1" };
const names = bootstrapNames("123456789012", "us-east-1");
const credentials = { Credentials: { AccessKeyId: "ASIAEXAMPLE", SecretAccessKey: "secret", SessionToken: "token", Expiration: new Date(Date.now() + 3600_000) } };
const deployer = () => new AwsDeployer(undefined, { sleep: async () => {} });
const result = (action: string, decision: "allowed" | "implicitDeny" | "explicitDeny") => ({ EvalActionName: action, EvalResourceName: "*", EvalDecision: decision, MatchedStatements: [], MissingContextValues: [] });

afterEach(() => {
  iam.reset();
  sts.reset();
});

describe("IAM policy simulation through the Deployer port", () => {
  test("allowed, implicitDeny and explicitDeny are read per action, across result pages", async () => {
    sts.on(AssumeRoleCommand).resolves(credentials);
    iam
      .on(SimulatePrincipalPolicyCommand)
      .resolvesOnce({ EvaluationResults: [result("cloudformation:CreateChangeSet", "allowed"), result("s3:PutObject", "implicitDeny")], IsTruncated: true, Marker: "page-2" })
      .resolves({ EvaluationResults: [result("iam:PassRole", "explicitDeny")], IsTruncated: false });
    const check = await deployer().simulatePermissions(target, ROLE, ["cloudformation:CreateChangeSet", "s3:PutObject", "iam:PassRole"]);
    assert.deepEqual(check, {
      simulated: true,
      principalArn: ROLE,
      results: [{ action: "cloudformation:CreateChangeSet", decision: "allowed" }, { action: "s3:PutObject", decision: "implicitDeny" }, { action: "iam:PassRole", decision: "explicitDeny" }],
    });
    const calls = iam.commandCalls(SimulatePrincipalPolicyCommand).map((c) => c.args[0].input);
    assert.deepEqual(calls.map((c) => [c.PolicySourceArn, c.Marker]), [[ROLE, undefined], [ROLE, "page-2"]]);
  });

  test("a role without iam:SimulatePrincipalPolicy is reported as not simulated, naming the permission, never as allowed", async () => {
    sts.on(AssumeRoleCommand).resolves(credentials);
    iam.on(SimulatePrincipalPolicyCommand).rejects(Object.assign(new Error(`User: arn:aws:sts::123456789012:assumed-role/agent-builder-deploy-us-east-1/agent-builder-deploy is not authorized to perform: iam:SimulatePrincipalPolicy on resource: ${ROLE}`), { name: "AccessDenied", $metadata: { httpStatusCode: 403 } }));
    const check = await deployer().simulatePermissions(target, ROLE, ["s3:PutObject"]);
    assert.equal(check.simulated, false);
    assert.match(check.simulated ? "" : check.reason, /^The role lacks iam:SimulatePrincipalPolicy on arn:aws:iam::123456789012:role\/agent-builder-deploy-us-east-1.*Update the bootstrap stack/);
  });

  test("the machine's own credentials are not simulated, and it says so", async () => {
    const check = await deployer().simulatePermissions({ mode: "default-chain", region: "us-east-1" }, "arn:aws:iam::123456789012:user/me", ["s3:PutObject"]);
    assert.equal(check.simulated, false);
    assert.match(check.simulated ? "" : check.reason, /^not simulated locally/);
    assert.equal(iam.commandCalls(SimulatePrincipalPolicyCommand).length, 0);
  });

  test("Apply's gate: the plan's deployer needs are simulated per role, and a denied action refuses the deploy by name", async () => {
    sts.on(AssumeRoleCommand).resolves(credentials);
    iam.on(SimulatePrincipalPolicyCommand).callsFake((input: { ActionNames: string[] }) => ({
      EvaluationResults: input.ActionNames.map((a) => result(a, a === "lambda:CreateFunction" ? "implicitDeny" : "allowed")),
      IsTruncated: false,
    }));
    const needs = [
      ...baseDeployerPermissions(),
      { service: "lambda", resourceType: "AWS::Lambda::Function", actions: ["lambda:CreateFunction", "lambda:Get*"], source: "test", why: "create Function" },
      { service: "dynamodb", resourceType: "AWS::DynamoDB::Table", actions: ["dynamodb:CreateTable"], source: "test", why: "create Table" },
      { service: "s3", resourceType: "AWS::S3::Bucket", actions: [], source: null, why: "not in the data" },
    ];
    const checks = await checkRolePermissions(deployer(), target, names, needs);
    const [deployCall, execCall] = iam.commandCalls(SimulatePrincipalPolicyCommand).map((c) => c.args[0].input);
    assert.equal(deployCall!.PolicySourceArn, ROLE);
    assert.deepEqual(deployCall!.ActionNames, actionsByRole(needs).deployRole);
    assert.ok(deployCall!.ActionNames!.includes("iam:PassRole") && deployCall!.ActionNames!.includes("codebuild:StartBuild"));
    assert.equal(execCall!.PolicySourceArn, names.executionRoleArn);
    assert.deepEqual(execCall!.ActionNames, ["lambda:CreateFunction", "dynamodb:CreateTable"], "wildcards cannot be simulated; every other resource action is");
    assert.throws(() => requireAllowed(checks), (e) => e instanceof DomainError && e.code === "forbidden" && /lambda:CreateFunction \(implicitDeny for arn:aws:iam::123456789012:role\/agent-builder-cfn-exec-us-east-1\)/.test(e.message));
  });

  test("the bootstrap template lets the deploy role simulate itself and the execution role", () => {
    const t = parse(bootstrapTemplate());
    const statements = t.Resources.DeployRole.Properties.Policies[0].PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[];
    const simulate = statements.find((s) => s.Action === "iam:SimulatePrincipalPolicy");
    assert.deepEqual(simulate?.Resource, [{ "Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/agent-builder-deploy-${AWS::Region}" }, { "Fn::GetAtt": ["ExecutionRole", "Arn"] }]);
    // The role the template names is the role the simulation is asked about.
    assert.equal(t.Resources.DeployRole.Properties.RoleName["Fn::Sub"], "agent-builder-deploy-${AWS::Region}");
  });
});
