/**
 * The one port to the user's AWS account: every call deploying an agent makes (STS,
 * S3, CodeBuild, CloudFormation, the agent's own endpoint) goes through a Deployer.
 * `AwsDeployer` calls AWS; `LocalDeployer` simulates an account faithfully enough for
 * e2e (stacks, change sets, events over time, outputs, drift), persisted in the blob store.
 */

/** Whose account and how: assume the bootstrap role with its ExternalId, or (local only) the machine's own credentials. */
export type DeployTarget =
  | { mode: "role"; roleArn: string; externalId: string; region: string }
  | { mode: "default-chain"; region: string };

export type ConnectionCheck = {
  accountId: string;
  /** The assumed-role (or caller) ARN STS returned. */
  principalArn: string;
};

/** IAM's evaluation of one action for a principal (SimulatePrincipalPolicy's EvalDecision). */
export type PermissionDecision = "allowed" | "implicitDeny" | "explicitDeny";
/**
 * What a role may do, from IAM's policy simulator; `simulated: false` says why it was not
 * evaluated (locally there is no IAM to ask; a role without iam:SimulatePrincipalPolicy).
 */
export type PermissionCheck =
  | { simulated: true; principalArn: string; results: { action: string; decision: PermissionDecision }[] }
  | { simulated: false; principalArn: string; reason: string };

export type ChangeAction = "Add" | "Modify" | "Remove" | "Import" | "Dynamic";
export type ResourceChange = {
  action: ChangeAction;
  logicalId: string;
  type: string;
  /** CloudFormation's Replacement: True / Conditional mean the resource is recreated. */
  replacement: "True" | "False" | "Conditional" | null;
  /** The change touches IAM (a role or policy), so the review highlights it. */
  iam: boolean;
};
export type ChangeSetState = {
  status: "CREATE_PENDING" | "CREATE_IN_PROGRESS" | "CREATE_COMPLETE" | "FAILED" | "DELETE_COMPLETE" | string;
  reason: string | null;
  /** FAILED because the template equals the deployed one (CloudFormation's "didn't contain changes"). */
  noChanges: boolean;
  changes: ResourceChange[];
};
export type StackState = { status: string; reason: string | null; outputs: Record<string, string> };
export type StackEvent = { id: string; timestamp: string; logicalId: string; type: string; status: string; reason: string | null };
/**
 * A CodeBuild build (image or Lambda package). `imageUri` is set for a finished image build;
 * `note` says what a finished build could not do for real (the local packager's Python skip).
 */
export type BuildState = { status: "IN_PROGRESS" | "SUCCEEDED" | "FAILED" | "FAULT" | "STOPPED" | "TIMED_OUT"; imageUri: string | null; reason: string | null; note?: string | null };

/**
 * Build the Lambda deployment package from the uploaded sources (the project's
 * scripts/package-lambda.sh: dependencies installed, TypeScript built, Python deps vendored)
 * and put the ZIP at `packageKey`, the key the template's Code property is given.
 */
export type LambdaPackageRequest = { sourceKey: string; packageKey: string; language: "typescript" | "python"; architecture: "arm64" | "x86_64" };
export type DriftState = { status: "IN_SYNC" | "DRIFTED" | "NOT_CHECKED" | "UNKNOWN"; drifted: { logicalId: string; type: string; status: string }[] };

/** How to reach a deployed agent: AgentCore runtime ARN, a Lambda Function URL (SigV4) or an ALB URL. */
export type AgentEndpoint = { kind: "agentcore"; runtimeArn: string } | { kind: "lambda-url"; url: string } | { kind: "http"; url: string };
export type InvokeResult = { output: string; tokensIn: number | null; tokensOut: number | null };

export type ChangeSetRequest = {
  stackName: string;
  changeSetName: string;
  templateBody: string;
  parameters: Record<string, string>;
};

/** The bootstrap stack's named resources, derived from the account and region (see server/deploy/bootstrap.ts). */
export type BootstrapNames = { bucket: string; buildProject: string; repository: string; executionRoleArn: string };

/** Errors every implementation maps AWS failures to; the deploy service turns them into DomainErrors. */
export class DeployerError extends Error {
  constructor(
    readonly kind: "assume-role-denied" | "session-expired" | "throttled" | "not-found" | "invalid" | "access-denied" | "failed",
    message: string,
  ) {
    super(message);
    this.name = "DeployerError";
  }
}

export interface Deployer {
  readonly mechanism: "local-simulator" | "aws";
  /** Assumes the role (or reads the caller) and reports what it may do. Throws assume-role-denied with the trust-policy fix. */
  verify(target: DeployTarget): Promise<ConnectionCheck>;
  /** Simulates `actions` for a role of the target account (IAM SimulatePrincipalPolicy). Never throws for a denied simulation: says so. */
  simulatePermissions(target: DeployTarget, principalArn: string, actions: string[]): Promise<PermissionCheck>;
  putArtifact(target: DeployTarget, names: BootstrapNames, key: string, bytes: Uint8Array): Promise<void>;
  startImageBuild(target: DeployTarget, names: BootstrapNames, input: { artifactKey: string; imageTag: string }): Promise<string>;
  startLambdaPackage(target: DeployTarget, names: BootstrapNames, input: LambdaPackageRequest): Promise<string>;
  /** An image or Lambda package build started by this Deployer. */
  getBuild(target: DeployTarget, buildId: string): Promise<BuildState>;
  createChangeSet(target: DeployTarget, names: BootstrapNames, request: ChangeSetRequest): Promise<void>;
  describeChangeSet(target: DeployTarget, stackName: string, changeSetName: string): Promise<ChangeSetState>;
  executeChangeSet(target: DeployTarget, stackName: string, changeSetName: string): Promise<void>;
  deleteChangeSet(target: DeployTarget, stackName: string, changeSetName: string): Promise<void>;
  /** null when the stack does not exist (or was deleted). */
  describeStack(target: DeployTarget, stackName: string): Promise<StackState | null>;
  /** Events after `afterId` (all when null), oldest first. */
  stackEvents(target: DeployTarget, stackName: string, afterId: string | null): Promise<StackEvent[]>;
  deleteStack(target: DeployTarget, stackName: string): Promise<void>;
  detectDrift(target: DeployTarget, stackName: string): Promise<DriftState>;
  /** Streams the agent's reply through onText; resolves when it ends. */
  invoke(target: DeployTarget, endpoint: AgentEndpoint, input: string, onText: (delta: string) => void): Promise<InvokeResult>;
}
