import { afterEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mockClient } from "aws-sdk-client-mock";
import { CloudFormationClient, CreateChangeSetCommand, DescribeChangeSetCommand, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { BatchGetBuildsCommand, CodeBuildClient, StartBuildCommand } from "@aws-sdk/client-codebuild";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { AwsDeployer } from "../../../server/platform/deployer/aws-deployer";
import { DeployerError, type DeployTarget } from "../../../server/platform/deployer/types";

/** Response shapes follow the CloudFormation, CodeBuild and STS API references (docs.aws.amazon.com, read 2026-12-04). */
const cfn = mockClient(CloudFormationClient);
const sts = mockClient(STSClient);
const codebuild = mockClient(CodeBuildClient);
const target: DeployTarget = { mode: "role", roleArn: "arn:aws:iam::123456789012:role/agent-builder-deploy-us-east-1", externalId: "ext-123", region: "us-east-1" };
const names = { bucket: "agent-builder-artifacts-123456789012-us-east-1", buildProject: "agent-builder-image-build", repository: "agent-builder-agents", executionRoleArn: "arn:aws:iam::123456789012:role/agent-builder-cfn-exec-us-east-1" };
const awsError = (name: string, message: string) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });
const deployer = () => new AwsDeployer(undefined, { sleep: async () => {} });
const credentials = { Credentials: { AccessKeyId: "ASIAEXAMPLE", SecretAccessKey: "secret", SessionToken: "token", Expiration: new Date(Date.now() + 3600_000) } };

afterEach(() => {
  cfn.reset();
  sts.reset();
  codebuild.reset();
});

describe("AwsDeployer against the SDK client mock", () => {
  test("a change set with no changes is reported as such", async () => {
    sts.on(AssumeRoleCommand).resolves(credentials);
    cfn.on(DescribeChangeSetCommand).resolves({ Status: "FAILED", ExecutionStatus: "UNAVAILABLE", StatusReason: "The submitted information didn't contain changes. Submit different information to create a change set.", Changes: [] });
    const state = await deployer().describeChangeSet(target, "support-bot-dev", "cs1");
    assert.equal(state.noChanges, true);
    assert.equal(state.status, "FAILED");
  });

  test("change set changes: replacements and IAM are carried", async () => {
    sts.on(AssumeRoleCommand).resolves(credentials);
    cfn.on(DescribeChangeSetCommand).resolves({
      Status: "CREATE_COMPLETE",
      Changes: [
        { Type: "Resource", ResourceChange: { Action: "Modify", LogicalResourceId: "AgentRole", ResourceType: "AWS::IAM::Role", Replacement: "False", Details: [] } },
        { Type: "Resource", ResourceChange: { Action: "Modify", LogicalResourceId: "Cluster", ResourceType: "AWS::ECS::Cluster", Replacement: "True" } },
      ],
    });
    const state = await deployer().describeChangeSet(target, "s", "cs");
    assert.deepEqual(state.changes.map((c) => [c.logicalId, c.replacement, c.iam]), [["AgentRole", "False", true], ["Cluster", "True", false]]);
  });

  test("a stack in ROLLBACK_COMPLETE must be deleted before it can be deployed again", async () => {
    sts.on(AssumeRoleCommand).resolves(credentials);
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [{ StackName: "s", StackStatus: "ROLLBACK_COMPLETE", CreationTime: new Date(), StackStatusReason: "The following resource(s) failed to create: [AgentRuntime]." }] });
    await assert.rejects(deployer().createChangeSet(target, names, { stackName: "s", changeSetName: "cs", templateBody: "Resources: {}", parameters: {} }), (e) => e instanceof DeployerError && e.kind === "invalid" && /ROLLBACK_COMPLETE/.test(e.message));
    assert.equal(cfn.commandCalls(CreateChangeSetCommand).length, 0);
  });

  test("UPDATE_ROLLBACK_FAILED is reported with its reason", async () => {
    sts.on(AssumeRoleCommand).resolves(credentials);
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [{ StackName: "s", StackStatus: "UPDATE_ROLLBACK_FAILED", CreationTime: new Date(), StackStatusReason: "The following resource(s) failed to update: [Service]." }] });
    const stack = await deployer().describeStack(target, "s");
    assert.equal(stack?.status, "UPDATE_ROLLBACK_FAILED");
    assert.match(stack?.reason ?? "", /failed to update/);
  });

  test("throttling is retried", async () => {
    sts.on(AssumeRoleCommand).resolves(credentials);
    cfn.on(DescribeStacksCommand).rejectsOnce(awsError("Throttling", "Rate exceeded")).resolves({ Stacks: [{ StackName: "s", StackStatus: "CREATE_COMPLETE", CreationTime: new Date(), Outputs: [{ OutputKey: "Url", OutputValue: "https://x" }] }] });
    const stack = await deployer().describeStack(target, "s");
    assert.deepEqual(stack?.outputs, { Url: "https://x" });
    assert.equal(cfn.commandCalls(DescribeStacksCommand).length, 2);
  });

  test("an expired role session is renewed once", async () => {
    sts.on(AssumeRoleCommand).resolves(credentials);
    cfn.on(DescribeStacksCommand).rejectsOnce(awsError("ExpiredToken", "The security token included in the request is expired")).resolves({ Stacks: [{ StackName: "s", StackStatus: "UPDATE_COMPLETE", CreationTime: new Date() }] });
    assert.equal((await deployer().describeStack(target, "s"))?.status, "UPDATE_COMPLETE");
    assert.equal(sts.commandCalls(AssumeRoleCommand).length, 2);
  });

  test("a role that cannot be assumed is assume-role-denied", async () => {
    sts.on(AssumeRoleCommand).rejects(awsError("AccessDenied", "User: arn:aws:sts::999999999999:assumed-role/platform is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/agent-builder-deploy-us-east-1"));
    await assert.rejects(deployer().describeStack(target, "s"), (e) => e instanceof DeployerError && e.kind === "assume-role-denied");
  });

  test("a failed CodeBuild build reports its failed phase", async () => {
    sts.on(AssumeRoleCommand).resolves(credentials);
    codebuild.on(BatchGetBuildsCommand).resolves({
      builds: [{ id: "agent-builder-image-build:1", buildStatus: "FAILED", phases: [{ phaseType: "PRE_BUILD", phaseStatus: "SUCCEEDED" }, { phaseType: "BUILD", phaseStatus: "FAILED", contexts: [{ statusCode: "COMMAND_EXECUTION_ERROR", message: "Error while executing command: docker build. Reason: exit status 1" }] }] }],
      buildsNotFound: [],
    });
    const build = await deployer().getBuild(target, "agent-builder-image-build:1");
    assert.equal(build.status, "FAILED");
    assert.equal(build.imageUri, null);
    assert.match(build.reason ?? "", /^BUILD: .*docker build/);
  });

  test("a Lambda package is built by the bootstrap project on the function's architecture, from the uploaded sources", async () => {
    sts.on(AssumeRoleCommand).resolves(credentials);
    codebuild.on(StartBuildCommand).resolves({ build: { id: "agent-builder-image-build:pkg-1", buildStatus: "IN_PROGRESS" } });
    const request = { sourceKey: "artifacts/bot-dev/abc.zip", packageKey: "packages/bot-dev/abc-typescript-arm64.zip", language: "typescript" as const, architecture: "arm64" as const };
    assert.equal(await deployer().startLambdaPackage(target, names, request), "agent-builder-image-build:pkg-1");
    await deployer().startLambdaPackage(target, names, { ...request, architecture: "x86_64" });
    const [arm, x86] = codebuild.commandCalls(StartBuildCommand).map((c) => c.args[0].input);
    assert.equal(arm!.projectName, "agent-builder-image-build");
    assert.equal(arm!.sourceLocationOverride, `${names.bucket}/artifacts/bot-dev/abc.zip`);
    assert.deepEqual([arm!.environmentTypeOverride, arm!.imageOverride], ["ARM_CONTAINER", "aws/codebuild/amazonlinux-aarch64-standard:3.0"]);
    assert.deepEqual([x86!.environmentTypeOverride, x86!.imageOverride], ["LINUX_CONTAINER", "aws/codebuild/amazonlinux-x86_64-standard:5.0"]);
    assert.equal(arm!.privilegedModeOverride, false);
    const vars = Object.fromEntries((arm!.environmentVariablesOverride ?? []).map((v) => [v.name, v.value]));
    assert.deepEqual(vars, { BUILD_KIND: "lambda-package", PACKAGE_KEY: "packages/bot-dev/abc-typescript-arm64.zip" });
  });

  test("a Lambda packaging build is polled until it ends; a failed package-lambda.sh names its phase", async () => {
    sts.on(AssumeRoleCommand).resolves(credentials);
    codebuild
      .on(BatchGetBuildsCommand)
      .resolvesOnce({ builds: [{ id: "agent-builder-image-build:pkg-2", buildStatus: "IN_PROGRESS", currentPhase: "BUILD", phases: [{ phaseType: "SUBMITTED", phaseStatus: "SUCCEEDED" }, { phaseType: "BUILD" }] }] })
      .resolves({
        builds: [{ id: "agent-builder-image-build:pkg-2", buildStatus: "FAILED", phases: [{ phaseType: "INSTALL", phaseStatus: "SUCCEEDED" }, { phaseType: "BUILD", phaseStatus: "FAILED", contexts: [{ statusCode: "COMMAND_EXECUTION_ERROR", message: "Error while executing command: sh scripts/package-lambda.sh. Reason: exit status 1" }] }] }],
        buildsNotFound: [],
      });
    const d = deployer();
    assert.deepEqual(await d.getBuild(target, "agent-builder-image-build:pkg-2"), { status: "IN_PROGRESS", imageUri: null, reason: null });
    const failed = await d.getBuild(target, "agent-builder-image-build:pkg-2");
    assert.equal(failed.status, "FAILED");
    assert.match(failed.reason ?? "", /^BUILD: .*package-lambda\.sh/);
  });
});
