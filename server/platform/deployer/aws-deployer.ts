import {
  CloudFormationClient, CreateChangeSetCommand, DeleteChangeSetCommand, DeleteStackCommand, DescribeChangeSetCommand, DescribeStackDriftDetectionStatusCommand,
  DescribeStackEventsCommand, DescribeStackResourceDriftsCommand, DescribeStacksCommand, DetectStackDriftCommand, ExecuteChangeSetCommand,
} from "@aws-sdk/client-cloudformation";
import { BatchGetBuildsCommand, CodeBuildClient, StartBuildCommand } from "@aws-sdk/client-codebuild";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { IAMClient } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@aws-sdk/types";
import { RoleSessions } from "./aws-credentials";
import { invokeAgent } from "./aws-invoke";
import { simulatePrincipal } from "./aws-permissions";
import { toDeployerError, withRetry, type RetryOptions } from "./aws-retry";
import { DeployerError, type AgentEndpoint, type BootstrapNames, type BuildState, type ChangeSetRequest, type ChangeSetState, type ConnectionCheck, type Deployer, type DeployTarget, type DriftState, type InvokeResult, type LambdaPackageRequest, type PermissionCheck, type ResourceChange, type StackEvent, type StackState } from "./types";

type ClientConfig = { region: string; credentials?: AwsCredentialIdentity; maxAttempts: number };
export type AwsClients = {
  cfn: (c: ClientConfig) => CloudFormationClient;
  s3: (c: ClientConfig) => S3Client;
  codebuild: (c: ClientConfig) => CodeBuildClient;
  sts: (c: ClientConfig) => STSClient;
  iam: (c: ClientConfig) => IAMClient;
};
const DEFAULT_CLIENTS: AwsClients = { cfn: (c) => new CloudFormationClient(c), s3: (c) => new S3Client(c), codebuild: (c) => new CodeBuildClient(c), sts: (c) => new STSClient(c), iam: (c) => new IAMClient(c) };

/** TemplateBody is limited to 51,200 bytes; larger templates go through the artifact bucket. */
const TEMPLATE_BODY_LIMIT = 51_200;
const NO_CHANGES = /didn't contain changes|No updates are to be performed/i;

/**
 * CodeBuild's curated Amazon Linux 2023 images per Lambda architecture (ARM64 is the bootstrap
 * project's own; "aws/codebuild/amazonlinux-x86_64-standard:5.0" is AL2023 per the
 * aws-codebuild-docker-images repository, al/x86_64/standard/5.0, read 2026-12-05).
 */
const PACKAGE_ENVIRONMENT = {
  arm64: { type: "ARM_CONTAINER", image: "aws/codebuild/amazonlinux-aarch64-standard:3.0" },
  x86_64: { type: "LINUX_CONTAINER", image: "aws/codebuild/amazonlinux-x86_64-standard:5.0" },
} as const;

/** The Deployer against real AWS: every call assumes the user's role (cached session) and retries throttling. */
export class AwsDeployer implements Deployer {
  readonly mechanism = "aws" as const;
  private readonly sessions: RoleSessions;

  constructor(private readonly clients: AwsClients = DEFAULT_CLIENTS, private readonly retry: RetryOptions = {}) {
    this.sessions = new RoleSessions((region) => clients.sts({ region, maxAttempts: 1 }));
  }

  /** Runs one SDK call with the role's credentials; an expired session is renewed once. */
  private async call<C, T>(target: DeployTarget, make: (c: ClientConfig) => C, run: (client: C) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const credentials = await this.sessions.credentials(target);
      const client = make({ region: target.region, credentials, maxAttempts: 1 });
      try {
        return await withRetry(() => run(client), this.retry);
      } catch (e) {
        const error = toDeployerError(e);
        if (error.kind !== "session-expired" || attempt > 0) throw error;
        this.sessions.forget(target);
      }
    }
  }

  async verify(target: DeployTarget): Promise<ConnectionCheck> {
    const who = await this.call(target, this.clients.sts, (c) => c.send(new GetCallerIdentityCommand({})));
    return { accountId: who.Account ?? "", principalArn: who.Arn ?? "" };
  }

  async simulatePermissions(target: DeployTarget, principalArn: string, actions: string[]): Promise<PermissionCheck> {
    return simulatePrincipal(target, (command) => this.call(target, this.clients.iam, (c) => c.send(command)), principalArn, actions);
  }

  async putArtifact(target: DeployTarget, names: BootstrapNames, key: string, bytes: Uint8Array): Promise<void> {
    await this.call(target, this.clients.s3, (c) => c.send(new PutObjectCommand({ Bucket: names.bucket, Key: key, Body: bytes, ServerSideEncryption: "AES256" })));
  }

  async startImageBuild(target: DeployTarget, names: BootstrapNames, input: { artifactKey: string; imageTag: string }): Promise<string> {
    const out = await this.call(target, this.clients.codebuild, (c) =>
      c.send(new StartBuildCommand({
        projectName: names.buildProject,
        sourceTypeOverride: "S3",
        sourceLocationOverride: `${names.bucket}/${input.artifactKey}`,
        environmentVariablesOverride: [{ name: "IMAGE_TAG", value: input.imageTag, type: "PLAINTEXT" }],
      })),
    );
    if (!out.build?.id) throw new DeployerError("failed", "CodeBuild StartBuild returned no build id");
    return out.build.id;
  }

  /**
   * The same bootstrap CodeBuild project, told by BUILD_KIND to run scripts/package-lambda.sh
   * and copy the ZIP to PACKAGE_KEY (see the buildspec in server/deploy/bootstrap.ts). The
   * project's environment is ARM64; an x86_64 function is packaged on an x86_64 image, so
   * native dependencies match the function's architecture.
   */
  async startLambdaPackage(target: DeployTarget, names: BootstrapNames, input: LambdaPackageRequest): Promise<string> {
    const environment = PACKAGE_ENVIRONMENT[input.architecture];
    const out = await this.call(target, this.clients.codebuild, (c) =>
      c.send(new StartBuildCommand({
        projectName: names.buildProject,
        sourceTypeOverride: "S3",
        sourceLocationOverride: `${names.bucket}/${input.sourceKey}`,
        environmentTypeOverride: environment.type,
        imageOverride: environment.image,
        privilegedModeOverride: false,
        environmentVariablesOverride: [
          { name: "BUILD_KIND", value: "lambda-package", type: "PLAINTEXT" },
          { name: "PACKAGE_KEY", value: input.packageKey, type: "PLAINTEXT" },
        ],
      })),
    );
    if (!out.build?.id) throw new DeployerError("failed", "CodeBuild StartBuild returned no build id");
    return out.build.id;
  }

  async getBuild(target: DeployTarget, buildId: string): Promise<BuildState> {
    const out = await this.call(target, this.clients.codebuild, (c) => c.send(new BatchGetBuildsCommand({ ids: [buildId] })));
    const build = out.builds?.[0];
    if (!build) throw new DeployerError("not-found", `Build ${buildId} does not exist`);
    const status = (build.buildStatus ?? "IN_PROGRESS") as BuildState["status"];
    const failedPhase = build.phases?.find((p) => p.phaseStatus && p.phaseStatus !== "SUCCEEDED" && p.phaseStatus !== "IN_PROGRESS");
    const reason = failedPhase ? `${failedPhase.phaseType}: ${failedPhase.contexts?.map((c) => c.message).filter(Boolean).join("; ") || failedPhase.phaseStatus}` : null;
    const imageUri = build.exportedEnvironmentVariables?.find((v) => v.name === "IMAGE_URI")?.value ?? null;
    return { status, imageUri: status === "SUCCEEDED" ? imageUri : null, reason: status === "SUCCEEDED" ? null : reason };
  }

  async createChangeSet(target: DeployTarget, names: BootstrapNames, request: ChangeSetRequest): Promise<void> {
    const existing = await this.describeStack(target, request.stackName);
    if (existing?.status === "ROLLBACK_COMPLETE") {
      throw new DeployerError("invalid", `Stack ${request.stackName} is in ROLLBACK_COMPLETE: its first create failed and it must be deleted before it can be deployed again`);
    }
    let template: { TemplateBody?: string; TemplateURL?: string } = { TemplateBody: request.templateBody };
    if (Buffer.byteLength(request.templateBody) > TEMPLATE_BODY_LIMIT) {
      const key = `templates/${request.stackName}/${request.changeSetName}.yaml`;
      await this.putArtifact(target, names, key, new TextEncoder().encode(request.templateBody));
      template = { TemplateURL: `https://${names.bucket}.s3.${target.region}.amazonaws.com/${key}` };
    }
    await this.call(target, this.clients.cfn, (c) =>
      c.send(new CreateChangeSetCommand({
        StackName: request.stackName,
        ChangeSetName: request.changeSetName,
        ChangeSetType: existing && existing.status !== "REVIEW_IN_PROGRESS" ? "UPDATE" : "CREATE",
        ...template,
        Parameters: Object.entries(request.parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
        Capabilities: ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"],
        RoleARN: names.executionRoleArn,
        Tags: [{ Key: "agent-builder:stack", Value: request.stackName }],
      })),
    );
  }

  async describeChangeSet(target: DeployTarget, stackName: string, changeSetName: string): Promise<ChangeSetState> {
    const out = await this.call(target, this.clients.cfn, (c) => c.send(new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName })));
    const changes: ResourceChange[] = (out.Changes ?? []).flatMap((ch) => {
      const r = ch.ResourceChange;
      if (!r?.LogicalResourceId) return [];
      const type = r.ResourceType ?? "";
      return [{ action: (r.Action ?? "Modify") as ResourceChange["action"], logicalId: r.LogicalResourceId, type, replacement: (r.Replacement ?? null) as ResourceChange["replacement"], iam: type.startsWith("AWS::IAM::") || (r.Details ?? []).some((d) => String(d.Target?.Name ?? "").includes("Policy")) }];
    });
    const reason = out.StatusReason ?? null;
    return { status: out.Status ?? "CREATE_PENDING", reason, noChanges: out.Status === "FAILED" && NO_CHANGES.test(reason ?? ""), changes };
  }

  async executeChangeSet(target: DeployTarget, stackName: string, changeSetName: string): Promise<void> {
    await this.call(target, this.clients.cfn, (c) => c.send(new ExecuteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName })));
  }

  async deleteChangeSet(target: DeployTarget, stackName: string, changeSetName: string): Promise<void> {
    await this.call(target, this.clients.cfn, (c) => c.send(new DeleteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName })));
  }

  async describeStack(target: DeployTarget, stackName: string): Promise<StackState | null> {
    try {
      const out = await this.call(target, this.clients.cfn, (c) => c.send(new DescribeStacksCommand({ StackName: stackName })));
      const s = out.Stacks?.[0];
      if (!s || s.StackStatus === "DELETE_COMPLETE") return null;
      const outputs = Object.fromEntries((s.Outputs ?? []).filter((o) => o.OutputKey).map((o) => [o.OutputKey!, o.OutputValue ?? ""]));
      return { status: s.StackStatus ?? "UNKNOWN", reason: s.StackStatusReason ?? null, outputs };
    } catch (e) {
      if (toDeployerError(e).kind === "not-found") return null;
      throw e;
    }
  }

  /** DescribeStackEvents pages newest first; read until the last event already seen, then return oldest first. */
  async stackEvents(target: DeployTarget, stackName: string, afterId: string | null): Promise<StackEvent[]> {
    const seen: StackEvent[] = [];
    let token: string | undefined;
    for (let page = 0; page < 20; page++) {
      const out = await this.call(target, this.clients.cfn, (c) => c.send(new DescribeStackEventsCommand({ StackName: stackName, NextToken: token })));
      for (const e of out.StackEvents ?? []) {
        if (e.EventId === afterId) return seen.reverse();
        seen.push({ id: e.EventId ?? "", timestamp: (e.Timestamp ?? new Date(0)).toISOString(), logicalId: e.LogicalResourceId ?? "", type: e.ResourceType ?? "", status: e.ResourceStatus ?? "", reason: e.ResourceStatusReason ?? null });
      }
      token = out.NextToken;
      if (!token) break;
    }
    return seen.reverse();
  }

  async deleteStack(target: DeployTarget, stackName: string): Promise<void> {
    await this.call(target, this.clients.cfn, (c) => c.send(new DeleteStackCommand({ StackName: stackName })));
  }

  async detectDrift(target: DeployTarget, stackName: string): Promise<DriftState> {
    const { StackDriftDetectionId: id } = await this.call(target, this.clients.cfn, (c) => c.send(new DetectStackDriftCommand({ StackName: stackName })));
    for (let i = 0; i < 30; i++) {
      const s = await this.call(target, this.clients.cfn, (c) => c.send(new DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId: id })));
      if (s.DetectionStatus !== "DETECTION_IN_PROGRESS") {
        if (s.StackDriftStatus !== "DRIFTED") return { status: (s.StackDriftStatus ?? "UNKNOWN") as DriftState["status"], drifted: [] };
        const r = await this.call(target, this.clients.cfn, (c) => c.send(new DescribeStackResourceDriftsCommand({ StackName: stackName, StackResourceDriftStatusFilters: ["MODIFIED", "DELETED"] })));
        return { status: "DRIFTED", drifted: (r.StackResourceDrifts ?? []).map((d) => ({ logicalId: d.LogicalResourceId ?? "", type: d.ResourceType ?? "", status: d.StackResourceDriftStatus ?? "" })) };
      }
      await new Promise((res) => setTimeout(res, 1000));
    }
    return { status: "UNKNOWN", drifted: [] };
  }

  async invoke(target: DeployTarget, endpoint: AgentEndpoint, input: string, onText: (delta: string) => void): Promise<InvokeResult> {
    const credentials = await this.sessions.credentials(target);
    return invokeAgent({ region: target.region, credentials }, endpoint, input, onText);
  }
}
