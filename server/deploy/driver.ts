import { log } from "../log";
import { getDeployer } from "../platform";
import type { BootstrapNames, Deployer, DeployTarget } from "../platform/deployer/types";
import { DeployerError } from "../platform/deployer/types";
import type { Platform } from "../platform/types";
import { publishEvent } from "../realtime/publish";
import { getVersion, readVersionFiles, readVersionZip } from "../versions/service";
import { accountOfRole, bootstrapNames } from "./bootstrap";
import { lambdaPackageKey, lambdaPackageOf, packageTimelineEvent, type PackageStatus } from "./lambda-package";
import { transition, type DeployEvent, type DeployState } from "./machine";
import { findCfnTemplates } from "./plan/iac";
import { findConnection, targetOf } from "./service/connection";
import { getDeployment, moveDeployment, patchDeployment, type Deployment, type DeploymentPatch } from "./store";

/**
 * Moves one deployment forward by one step against the Deployer port. Every move is a
 * conditional write from the state it read, so two drivers (a live watcher and the sweeper
 * after a restart) never apply a step twice. Returns the deployment after the step.
 */
export const DEPLOY_STATUS_EVENT = "deploy.status";
export const DEPLOY_STACK_EVENT = "deploy.event";

type Ctx = { p: Platform; deployer: Deployer; target: DeployTarget; names: BootstrapNames; d: Deployment };

async function move(ctx: Ctx, event: DeployEvent, patch: DeploymentPatch = {}): Promise<Deployment | null> {
  const to: DeployState = transition(ctx.d.status, event);
  const moved = await moveDeployment(ctx.p.db, ctx.d.id, ctx.d.status, to, { ...patch, ...(event.type === "fail" ? { error: event.reason } : {}) });
  if (moved) await publishEvent(ctx.p, moved.projectId, DEPLOY_STATUS_EVENT, { deploymentId: moved.id, status: moved.status, error: moved.error, environment: moved.environment });
  return moved;
}

async function templateAndParams(ctx: Ctx, extra: Record<string, string>) {
  const version = await getVersion(ctx.p.db, ctx.d.projectId, ctx.d.versionId!);
  const template = findCfnTemplates(await readVersionFiles(ctx.p, version))[0]!;
  const wanted = new Set(template.parameters.map((x) => x.name));
  const supplied = { ...(ctx.d.parameters ?? {}), ...extra };
  return { template, contentHash: version.contentHash, body: template.body, parameters: Object.fromEntries(Object.entries(supplied).filter(([k]) => wanted.has(k))) };
}

async function createChangeSet(ctx: Ctx, extra: Record<string, string>): Promise<void> {
  const { body, parameters } = await templateAndParams(ctx, extra);
  await ctx.deployer.createChangeSet(ctx.target, ctx.names, { stackName: ctx.d.stackName, changeSetName: ctx.d.changeSetName!, templateBody: body, parameters });
}

/** Publishes the stack events since the last one seen, in order, and remembers the last. */
async function streamEvents(ctx: Ctx): Promise<void> {
  let events;
  try {
    events = await ctx.deployer.stackEvents(ctx.target, ctx.d.stackName, ctx.d.lastEventId);
  } catch (e) {
    if (e instanceof DeployerError && e.kind === "not-found") return;
    throw e;
  }
  for (const event of events) await publishEvent(ctx.p, ctx.d.projectId, DEPLOY_STACK_EVENT, { deploymentId: ctx.d.id, event });
  if (events.length > 0) await patchDeployment(ctx.p.db, ctx.d.id, { lastEventId: events.at(-1)!.id });
}

/**
 * The stack's newest event before this deployment touches it. A stack's events hold every
 * earlier deploy, rollback and destroy: the timeline of this one starts after that event.
 */
async function eventBaseline(ctx: Ctx): Promise<string | null> {
  try {
    return (await ctx.deployer.stackEvents(ctx.target, ctx.d.stackName, null)).at(-1)?.id ?? null;
  } catch (e) {
    if (e instanceof DeployerError && e.kind === "not-found") return null;
    throw e;
  }
}

const artifactKey = (d: Deployment, hash: string) => `artifacts/${d.stackName}/${hash}.zip`;

async function step(ctx: Ctx): Promise<Deployment | null> {
  const { d, deployer, target, names } = ctx;
  switch (d.status) {
    case "pending": {
      const lastEventId = await eventBaseline(ctx);
      if (d.kind === "destroy") await deployer.deleteStack(target, d.stackName);
      return move(ctx, { type: "start", kind: d.kind }, { lastEventId });
    }
    case "uploading": {
      const version = await getVersion(ctx.p.db, d.projectId, d.versionId!);
      const key = artifactKey(d, version.contentHash);
      await deployer.putArtifact(target, names, key, await readVersionZip(ctx.p, version));
      const { template } = await templateAndParams(ctx, {});
      if (template.body.includes("ImageUri")) {
        const buildId = await deployer.startImageBuild(target, names, { artifactKey: key, imageTag: `v${d.version}-${version.contentHash.slice(0, 12)}` });
        return move(ctx, { type: "artifact_uploaded", build: "image" }, { buildId });
      }
      const lambda = lambdaPackageOf(template);
      if (lambda) {
        const buildId = await deployer.startLambdaPackage(target, names, { sourceKey: key, packageKey: lambdaPackageKey(d.stackName, version.contentHash, lambda), ...lambda });
        const moved = await move(ctx, { type: "artifact_uploaded", build: "lambda-package" }, { buildId });
        if (moved) await publishPackageStep(ctx, "PACKAGE_IN_PROGRESS", `scripts/package-lambda.sh for ${lambda.language} on ${lambda.architecture} (build ${buildId})`);
        return moved;
      }
      await createChangeSet(ctx, { CodeBucket: names.bucket, CodeKey: key });
      return move(ctx, { type: "artifact_uploaded", build: null });
    }
    case "building": {
      const build = await deployer.getBuild(target, d.buildId!);
      if (build.status === "IN_PROGRESS") return d;
      if (build.status !== "SUCCEEDED" || !build.imageUri) return move(ctx, { type: "fail", reason: `Image build ${d.buildId} ${build.status}${build.reason ? `: ${build.reason}` : ""}` });
      await createChangeSet(ctx, { ImageUri: build.imageUri });
      return move(ctx, { type: "build_succeeded" }, { imageUri: build.imageUri });
    }
    case "packaging":
      return stepPackaging(ctx);
    case "creating_change_set": {
      const cs = await deployer.describeChangeSet(target, d.stackName, d.changeSetName!);
      if (cs.noChanges) {
        await deployer.deleteChangeSet(target, d.stackName, d.changeSetName!);
        return move(ctx, { type: "change_set_empty" });
      }
      if (cs.status === "FAILED") return move(ctx, { type: "fail", reason: `Change set failed: ${cs.reason ?? "no reason given"}` });
      if (cs.status !== "CREATE_COMPLETE") return d;
      return move(ctx, { type: "change_set_ready" }, { changes: cs.changes });
    }
    case "executing":
    case "deleting": {
      // The status first, then the events: every event up to that status is then on the timeline,
      // the stack's own final event included (read the other way round, it could land in between and be lost).
      const stack = await deployer.describeStack(target, d.stackName);
      await streamEvents(ctx);
      if (d.status === "deleting") {
        if (!stack) return move(ctx, { type: "stack_deleted" });
        return stack.status === "DELETE_FAILED" ? move(ctx, { type: "fail", reason: stack.reason ?? "DELETE_FAILED" }) : d;
      }
      if (!stack || stack.status.endsWith("_IN_PROGRESS")) return d;
      if (/ROLLBACK|FAILED/.test(stack.status)) return move(ctx, { type: "fail", reason: `${stack.status}${stack.reason ? `: ${stack.reason}` : ""}` });
      return move(ctx, { type: "stack_succeeded" }, { outputs: stack.outputs });
    }
    default:
      return d;
  }
}

/** The Lambda package build: when it ends, the change set names the package's key as CodeKey. */
async function stepPackaging(ctx: Ctx): Promise<Deployment | null> {
  const { d, deployer, target, names } = ctx;
  const build = await deployer.getBuild(target, d.buildId!);
  if (build.status === "IN_PROGRESS") return d;
  if (build.status !== "SUCCEEDED") {
    const reason = `Lambda packaging build ${d.buildId} ${build.status}${build.reason ? `: ${build.reason}` : ""}`;
    const moved = await move(ctx, { type: "fail", reason });
    if (moved) await publishPackageStep(ctx, "PACKAGE_FAILED", build.reason ?? build.status);
    return moved;
  }
  const { template, contentHash } = await templateAndParams(ctx, {});
  const lambda = lambdaPackageOf(template);
  if (!lambda) return move(ctx, { type: "fail", reason: "The version's template no longer names a Lambda package (CodeKey)" });
  await createChangeSet(ctx, { CodeBucket: names.bucket, CodeKey: lambdaPackageKey(d.stackName, contentHash, lambda) });
  const moved = await move(ctx, { type: "package_built" });
  if (moved) await publishPackageStep(ctx, build.note?.startsWith("skipped") ? "PACKAGE_SKIPPED" : "PACKAGE_COMPLETE", build.note ?? null);
  return moved;
}

/** The packaging step on the deployment timeline (CloudFormation reports nothing before the change set). */
async function publishPackageStep(ctx: Ctx, status: PackageStatus, reason: string | null): Promise<void> {
  await publishEvent(ctx.p, ctx.d.projectId, DEPLOY_STACK_EVENT, { deploymentId: ctx.d.id, event: packageTimelineEvent(ctx.d.id, status, reason) });
}

export async function resolveTarget(p: Platform, deployer: Deployer, userId: string): Promise<{ target: DeployTarget; names: BootstrapNames }> {
  const target = targetOf(await findConnection(p, userId));
  const account = target.mode === "role" ? accountOfRole(target.roleArn) : (await deployer.verify(target)).accountId;
  return { target, names: bootstrapNames(account ?? "000000000000", target.region) };
}

/** One step; AWS failures the step cannot recover from end the deployment as failed, naming the cause. */
export async function advanceDeployment(p: Platform, id: string): Promise<Deployment | null> {
  const d = await getDeployment(p.db, id);
  if (!d) return null;
  const deployer = await getDeployer(p);
  let ctx: Ctx | undefined;
  try {
    const { target, names } = await resolveTarget(p, deployer, d.userId);
    ctx = { p, deployer, target, names, d };
    return await step(ctx);
  } catch (e) {
    if (e instanceof DeployerError && e.kind === "throttled") return d; // retried on the next tick
    log.warn("deployment step failed", { id, status: d.status, error: String(e) });
    const reason = e instanceof Error ? e.message : String(e);
    return move(ctx ?? ({ p, d } as Ctx), { type: "fail", reason });
  }
}
