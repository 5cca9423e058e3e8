import { findCfnTemplates } from "../../deploy/plan/iac";
import type { BlobStore } from "../types";
import type { LambdaPackager } from "./local-lambda-package";
import { packageBuildState, startPackageBuild } from "./local-package-build";
import { changeSetState, diffResources, operationEvents, settle, type SimResource, type SimStack } from "./local-sim";
import { DeployerError, type AgentEndpoint, type BootstrapNames, type BuildState, type ChangeSetRequest, type ChangeSetState, type ConnectionCheck, type Deployer, type DeployTarget, type DriftState, type InvokeResult, type LambdaPackageRequest, type PermissionCheck, type StackEvent, type StackState } from "./types";

export type LocalDeployerOptions = {
  /** How long each simulated resource takes to create, update or delete. */
  stepMs?: number;
  /** Tests: make the n-th resource of the next operation of a stack fail. */
  failStep?: (stackName: string) => number | null;
  now?: () => number;
  /** Builds Lambda packages (package-lambda.sh's steps on this machine); without one a package build fails, saying so. */
  packageLambda?: LambdaPackager;
};

const LOCAL_ACCOUNT = "000000000000";
export const NOT_SIMULATED_LOCALLY = "not simulated locally: the simulated account has no IAM policies to evaluate, so every action is attempted as it comes";
const ROLE = /^arn:aws:iam::(\d{12}):role\/(agent-builder-deploy[\w+=,.@-]*)$/;

/**
 * A simulated AWS account for local runs and e2e: STS (the bootstrap role is assumable with
 * any well-formed ExternalId; any other role is refused the way STS refuses it), S3 uploads,
 * CodeBuild, CloudFormation change sets, stacks and their events, outputs and drift. State
 * lives in the blob store, so it survives a restart like a real account does.
 */
export class LocalDeployer implements Deployer {
  readonly mechanism = "local-simulator" as const;
  private readonly stepMs: number;
  private readonly now: () => number;

  constructor(private readonly blobs: BlobStore, private readonly options: LocalDeployerOptions = {}) {
    this.stepMs = options.stepMs ?? 400;
    this.now = options.now ?? Date.now;
  }

  private account(target: DeployTarget): string {
    return target.mode === "role" ? (ROLE.exec(target.roleArn)?.[1] ?? LOCAL_ACCOUNT) : LOCAL_ACCOUNT;
  }
  private key(target: DeployTarget, kind: string, name: string) {
    return `local-aws/${this.account(target)}/${target.region}/${kind}/${name.replace(/[^A-Za-z0-9._-]/g, "_")}.json`;
  }
  private async read<T>(key: string): Promise<T | null> {
    const bytes = await this.blobs.get(key);
    return bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as T) : null;
  }
  private write(key: string, value: unknown) {
    return this.blobs.put(key, new TextEncoder().encode(JSON.stringify(value)), "application/json");
  }
  private async stack(target: DeployTarget, name: string): Promise<SimStack | null> {
    const stored = await this.read<SimStack>(this.key(target, "stacks", name));
    if (!stored) return null;
    const { stack, changed } = settle(stored, this.now(), this.stepMs);
    if (changed) await this.write(this.key(target, "stacks", name), stack);
    return stack;
  }

  async verify(target: DeployTarget): Promise<ConnectionCheck> {
    if (target.mode === "default-chain") return { accountId: LOCAL_ACCOUNT, principalArn: `arn:aws:iam::${LOCAL_ACCOUNT}:user/local` };
    const m = ROLE.exec(target.roleArn);
    if (!m || !/^[\w+=,.@:/-]{2,1224}$/.test(target.externalId)) {
      throw new DeployerError("assume-role-denied", `User: arn:aws:iam::${LOCAL_ACCOUNT}:user/agent-builder is not authorized to perform: sts:AssumeRole on resource: ${target.roleArn}`);
    }
    return { accountId: m[1]!, principalArn: `arn:aws:sts::${m[1]}:assumed-role/${m[2]}/agent-builder` };
  }

  /** The simulated account holds no IAM policies, so nothing is evaluated, and the answer says so. */
  async simulatePermissions(_target: DeployTarget, principalArn: string, _actions: string[]): Promise<PermissionCheck> {
    return { simulated: false, principalArn, reason: NOT_SIMULATED_LOCALLY };
  }

  async putArtifact(target: DeployTarget, names: BootstrapNames, key: string, bytes: Uint8Array): Promise<void> {
    await this.blobs.put(this.objectKey(target, names, key), bytes, "application/octet-stream");
  }

  async startImageBuild(target: DeployTarget, names: BootstrapNames, input: { artifactKey: string; imageTag: string }): Promise<string> {
    const id = `${names.buildProject}:${input.imageTag}-${this.now()}`;
    const uri = `${this.account(target)}.dkr.ecr.${target.region}.amazonaws.com/${names.repository}:${input.imageTag}`;
    await this.write(this.key(target, "builds", id), { startedAt: this.now(), uri });
    return id;
  }

  /** Runs the packager in the background (like CodeBuild); getBuild reads the outcome. */
  async startLambdaPackage(target: DeployTarget, names: BootstrapNames, input: LambdaPackageRequest): Promise<string> {
    const id = `${names.buildProject}:lambda-package-${this.now()}-${Math.random().toString(36).slice(2, 8)}`;
    const source = await this.blobs.get(this.objectKey(target, names, input.sourceKey));
    if (!source) throw new DeployerError("not-found", `The specified key does not exist: ${input.sourceKey}`);
    const outputKey = this.objectKey(target, names, input.packageKey);
    await startPackageBuild(this.blobs, { recordKey: this.key(target, "builds", id), source, outputKey, input, packager: this.options.packageLambda });
    return id;
  }

  async getBuild(target: DeployTarget, buildId: string): Promise<BuildState> {
    const build = await this.read<{ startedAt: number; uri: string }>(this.key(target, "builds", buildId));
    if (!build) throw new DeployerError("not-found", `Build ${buildId} does not exist`);
    const packaged = packageBuildState(build);
    if (packaged) return packaged;
    const done = this.now() - build.startedAt >= this.stepMs * 2;
    return { status: done ? "SUCCEEDED" : "IN_PROGRESS", imageUri: done ? build.uri : null, reason: null };
  }

  /** The simulated S3 object behind a bucket key (tests read uploaded artifacts through it). */
  objectKey(target: DeployTarget, names: BootstrapNames, key: string): string {
    return `local-aws/${this.account(target)}/s3/${names.bucket}/${key}`;
  }

  async createChangeSet(target: DeployTarget, _names: BootstrapNames, request: ChangeSetRequest): Promise<void> {
    const template = findCfnTemplates(new Map([["template.yaml", request.templateBody]]))[0];
    if (!template) throw new DeployerError("invalid", "Template format error: no Resources");
    const missing = template.parameters.filter((p) => p.default === null && !(p.name in request.parameters)).map((p) => p.name);
    if (missing.length > 0) throw new DeployerError("invalid", `Parameters: [${missing.join(", ")}] must have values`);
    const resources: SimResource[] = template.resources.map((r) => ({ logicalId: r.logicalId, type: r.type, properties: JSON.stringify(r.properties) }));
    const found = await this.stack(target, request.stackName);
    const existing = !found || found.status === "DELETE_COMPLETE" ? this.emptyStack(request.stackName) : found;
    if (existing.operation) throw new DeployerError("invalid", `Stack:${request.stackName} is in ${existing.status} state and can not be updated.`);
    existing.changeSets[request.changeSetName] = {
      createdAt: this.now(),
      templateBody: request.templateBody,
      parameters: request.parameters,
      resources,
      outputs: template.outputs.map((o) => o.name),
      changes: diffResources(existing.resources, resources),
    };
    await this.write(this.key(target, "stacks", request.stackName), existing);
  }

  private emptyStack(name: string): SimStack {
    return { name, status: "REVIEW_IN_PROGRESS", reason: null, resources: [], parameters: {}, outputNames: [], changeSets: {}, operation: null, events: [], tampered: false };
  }

  async describeChangeSet(target: DeployTarget, stackName: string, changeSetName: string): Promise<ChangeSetState> {
    const cs = (await this.stack(target, stackName))?.changeSets[changeSetName];
    if (!cs) throw new DeployerError("not-found", `ChangeSet [${changeSetName}] does not exist`);
    const stack = (await this.stack(target, stackName))!;
    return changeSetState(cs, stack.parameters, this.now(), this.stepMs);
  }

  async executeChangeSet(target: DeployTarget, stackName: string, changeSetName: string): Promise<void> {
    const stack = await this.stack(target, stackName);
    const cs = stack?.changeSets[changeSetName];
    if (!stack || !cs) throw new DeployerError("not-found", `ChangeSet [${changeSetName}] does not exist`);
    const state = changeSetState(cs, stack.parameters, this.now(), this.stepMs);
    if (state.status !== "CREATE_COMPLETE") throw new DeployerError("invalid", `ChangeSet [${changeSetName}] cannot be executed in its current status of [${state.status}]`);
    const kind = stack.resources.length === 0 ? "CREATE" : "UPDATE";
    const steps = state.changes.map((c) => ({ logicalId: c.logicalId, type: c.type }));
    stack.operation = { kind, startedAt: this.now(), steps, next: cs.resources, parameters: cs.parameters, outputs: cs.outputs, failAt: this.options.failStep?.(stackName) ?? null };
    stack.changeSets = {};
    await this.write(this.key(target, "stacks", stackName), stack);
  }

  async deleteChangeSet(target: DeployTarget, stackName: string, changeSetName: string): Promise<void> {
    const stack = await this.stack(target, stackName);
    if (!stack) return;
    delete stack.changeSets[changeSetName];
    await this.write(this.key(target, "stacks", stackName), stack);
  }

  async describeStack(target: DeployTarget, stackName: string): Promise<StackState | null> {
    const stack = await this.stack(target, stackName);
    if (!stack || stack.status === "DELETE_COMPLETE" || (stack.status === "REVIEW_IN_PROGRESS" && !stack.operation)) return null;
    const outputs = Object.fromEntries(stack.outputNames.map((name) => [name, this.outputValue(target, stackName, name)]));
    return { status: stack.status, reason: stack.reason, outputs };
  }

  /** Plausible output values: URLs for endpoints, ARNs for runtimes and roles, names otherwise. */
  private outputValue(target: DeployTarget, stackName: string, name: string): string {
    const account = this.account(target);
    if (/url|endpoint/i.test(name)) return `https://${stackName}.simulated.local/invocations`;
    if (/runtime/i.test(name)) return `arn:aws:bedrock-agentcore:${target.region}:${account}:runtime/${stackName.replace(/-/g, "_")}-sim`;
    if (/loggroup/i.test(name)) return `/aws/agent/${stackName}`;
    if (/arn/i.test(name)) return `arn:aws:iam::${account}:role/${stackName}-${name}`;
    return `${stackName}-${name}`;
  }

  async stackEvents(target: DeployTarget, stackName: string, afterId: string | null): Promise<StackEvent[]> {
    const stack = await this.stack(target, stackName);
    if (!stack) throw new DeployerError("not-found", `Stack with id ${stackName} does not exist`);
    const all = stack.operation ? [...stack.events, ...operationEvents(stack, stack.operation, this.now(), this.stepMs).events] : stack.events;
    const at = afterId ? all.findIndex((e) => e.id === afterId) : -1;
    return all.slice(at + 1);
  }

  async deleteStack(target: DeployTarget, stackName: string): Promise<void> {
    const stack = await this.stack(target, stackName);
    if (!stack || stack.status === "DELETE_COMPLETE") return;
    const steps = [...stack.resources].reverse().map((r) => ({ logicalId: r.logicalId, type: r.type }));
    stack.operation = { kind: "DELETE", startedAt: this.now(), steps, next: [], parameters: {}, outputs: [], failAt: null };
    await this.write(this.key(target, "stacks", stackName), stack);
  }

  async detectDrift(target: DeployTarget, stackName: string): Promise<DriftState> {
    const stack = await this.stack(target, stackName);
    if (!stack || stack.resources.length === 0) return { status: "UNKNOWN", drifted: [] };
    if (!stack.tampered) return { status: "IN_SYNC", drifted: [] };
    const r = stack.resources[0]!;
    return { status: "DRIFTED", drifted: [{ logicalId: r.logicalId, type: r.type, status: "MODIFIED" }] };
  }

  /** Tests and demos: change a deployed stack "outside the product", as someone in the console would. */
  async tamper(target: DeployTarget, stackName: string): Promise<void> {
    const stack = await this.stack(target, stackName);
    if (!stack) throw new DeployerError("not-found", `Stack with id ${stackName} does not exist`);
    await this.write(this.key(target, "stacks", stackName), { ...stack, tampered: true });
  }

  /** A simulated agent answers by echoing the input, word by word, labelled as simulated. */
  async invoke(target: DeployTarget, endpoint: AgentEndpoint, input: string, onText: (delta: string) => void): Promise<InvokeResult> {
    const where = endpoint.kind === "agentcore" ? endpoint.runtimeArn : endpoint.url;
    const words = `[simulated agent at ${where}] You said: ${input}`.split(/(?<= )/);
    for (const w of words) {
      onText(w);
      await new Promise((r) => setTimeout(r, 15));
    }
    return { output: words.join(""), tokensIn: input.split(/\s+/).filter(Boolean).length, tokensOut: words.length };
  }
}
