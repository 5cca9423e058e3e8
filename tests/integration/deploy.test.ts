import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { TRPCError } from "@trpc/server";
import { resumeDeployments, stopWatchingDeployments } from "../../server/deploy/watch";
import { DEPLOY_STACK_EVENT } from "../../server/deploy/driver";
import { insertDeployment } from "../../server/deploy/store";
import { listEventsAfter } from "../../server/dynamo/event-repo";
import { generateProject } from "../../server/generation";
import { setDeployer } from "../../server/platform";
import { LocalDeployer } from "../../server/platform/deployer/local-deployer";
import type { DeployTarget, PermissionCheck } from "../../server/platform/deployer/types";
import type { LocalPlatform } from "../../server/platform/local";
import { registryLookup } from "../../server/registry/load";
import { loadRegistry } from "../../server/composition/services";
import { storeVersion } from "../../server/versions/service";
import { createUser, startTestPlatform } from "../helpers/platform";
import { SPEC } from "../helpers/sample-spec";

let platform: LocalPlatform;
const ROLE = "arn:aws:iam::123456789012:role/agent-builder-deploy-us-east-1";

before(async () => {
  platform = await startTestPlatform();
  setDeployer(platform, new LocalDeployer(platform.blobs, { stepMs: 15 }));
});
after(async () => {
  await stopWatchingDeployments();
  await platform.close();
});

async function projectWithVersions(caller: Awaited<ReturnType<typeof createUser>>["caller"], prompts: string[]) {
  const project = await caller.project.create({ name: "deploy me" });
  const versions = [];
  for (const systemPrompt of prompts) {
    const spec = { ...SPEC, systemPrompt };
    versions.push(await storeVersion(platform, { projectId: project.id, spec, generated: generateProject(spec, registryLookup(loadRegistry())), verification: null }));
  }
  return { project, versions };
}

const code = (e: unknown) => (e instanceof TRPCError ? e.code : String(e));
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("deploy through the router against the local account", () => {
  test("connect → apply → review → approve → invoke → rollback → destroy, with the refusals", async () => {
    const { caller } = await createUser(platform);
    const { project, versions } = await projectWithVersions(caller, ["First prompt.", "Second prompt."]);
    const [v1, v2] = versions;
    const ref = { projectId: project.id, environment: "dev" as const };

    const plan = await caller.deploy.plan({ projectId: project.id, versionId: v1!.id });
    assert.ok(plan.resources.some((r) => r.type === "AWS::BedrockAgentCore::Runtime"));
    // Nothing pretends: without a connection, apply says what is missing.
    await assert.rejects(caller.deploy.start({ ...ref, versionId: v1!.id }), (e) => code(e) === "BAD_REQUEST" && /No AWS account is connected/.test((e as Error).message));

    const start = await caller.deploy.connectStart({ region: "us-east-1" });
    assert.match(start.template.body, /sts:ExternalId/);
    // Quick-create: the console link carries the template's URL and both parameters; the URL serves the same template.
    const link = new URL(start.quickCreate.url);
    assert.equal(link.host, "us-east-1.console.aws.amazon.com");
    const query = new URLSearchParams(link.hash.slice(link.hash.indexOf("?") + 1));
    assert.deepEqual([query.get("templateURL"), query.get("stackName"), query.get("param_ExternalId"), query.get("param_PlatformPrincipal")], [start.quickCreate.templateUrl, "agent-builder-bootstrap", start.externalId, start.platformPrincipal]);
    const stored = await platform.blobs.get(start.quickCreate.templateUrl.slice(start.quickCreate.templateUrl.indexOf("bootstrap/")));
    assert.equal(new TextDecoder().decode(stored!), start.template.body);
    assert.equal(start.quickCreate.local, true);
    await assert.rejects(caller.deploy.connect({ mode: "role", roleArn: "arn:aws:iam::123456789012:role/SomethingElse" }), (e) => code(e) === "FORBIDDEN" && /trust policy/.test((e as Error).message) && (e as Error).message.includes(start.externalId));
    const connected = await caller.deploy.connect({ mode: "role", roleArn: ROLE });
    assert.equal(connected.connection.roleArn, ROLE);
    // The local account has no IAM to simulate: it says so rather than listing actions as allowed.
    assert.deepEqual([connected.permissions.simulated, connected.permissions.principalArn], [false, ROLE]);
    assert.match(connected.permissions.simulated ? "" : connected.permissions.reason, /^not simulated locally/);

    const d1 = await caller.deploy.start({ ...ref, versionId: v1!.id });
    await assert.rejects(caller.deploy.start({ ...ref, versionId: v2!.id }), (e) => code(e) === "CONFLICT");
    const review = await until(() => caller.deploy.get({ projectId: project.id, deploymentId: d1.id }), (d) => d.status === "review");
    assert.equal(review.status, "review", review.error ?? "");
    assert.ok((review.changes as { action: string }[]).every((c) => c.action === "Add"));
    assert.ok((review.changes as { iam: boolean }[]).some((c) => c.iam));

    const other = await createUser(platform, "other");
    await assert.rejects(other.caller.deploy.get({ projectId: project.id, deploymentId: d1.id }), (e) => code(e) === "NOT_FOUND");

    await caller.deploy.approve({ projectId: project.id, deploymentId: d1.id });
    const done = await until(() => caller.deploy.get({ projectId: project.id, deploymentId: d1.id }), (d) => d.status === "succeeded" || d.status === "failed");
    assert.equal(done.status, "succeeded", done.error ?? "");
    assert.ok(Object.values(done.outputs ?? {}).some((v) => v.includes(":runtime/")));

    const reply = await caller.deploy.invoke({ ...ref, input: "hello there" });
    assert.match(reply.output, /hello there/);
    assert.equal((await caller.deploy.invocations({ projectId: project.id }))[0]?.latencyTotalMs, reply.latencyTotalMs);

    const d2 = await caller.deploy.start({ ...ref, versionId: v2!.id });
    await until(() => caller.deploy.get({ projectId: project.id, deploymentId: d2.id }), (d) => d.status === "review");
    await caller.deploy.approve({ projectId: project.id, deploymentId: d2.id });
    await until(() => caller.deploy.get({ projectId: project.id, deploymentId: d2.id }), (d) => d.status === "succeeded");

    const back = await caller.deploy.rollback(ref);
    assert.equal(back.versionId, v1!.id);
    await until(() => caller.deploy.get({ projectId: project.id, deploymentId: back.id }), (d) => d.status === "review");
    await caller.deploy.approve({ projectId: project.id, deploymentId: back.id });
    assert.equal((await until(() => caller.deploy.get({ projectId: project.id, deploymentId: back.id }), (d) => d.status === "succeeded")).status, "succeeded");

    await assert.rejects(caller.deploy.destroy(ref), (e) => code(e) === "BAD_REQUEST");
    const gone = await caller.deploy.destroy({ ...ref, confirm: plan.stackName });
    assert.equal((await until(() => caller.deploy.get({ projectId: project.id, deploymentId: gone.id }), (d) => d.status === "destroyed")).status, "destroyed");
    const history = await caller.deploy.history({ projectId: project.id });
    assert.deepEqual(history.map((h) => h.kind), ["destroy", "rollback", "deploy", "deploy"]);
    // Each timeline is its own operation's events: the stack's history of earlier deploys is not replayed.
    const events = (await listEventsAfter(platform.dynamo, project.id, 0)).filter((e) => e.type === DEPLOY_STACK_EVENT).map((e) => e.payload as { deploymentId: string; event: { logicalId: string; status: string } });
    const stackStatuses = (id: string) => events.filter((e) => e.deploymentId === id && e.event.logicalId === plan.stackName).map((e) => e.event.status);
    assert.deepEqual(stackStatuses(d1.id), ["CREATE_IN_PROGRESS", "CREATE_COMPLETE"]);
    assert.deepEqual(stackStatuses(d2.id), ["UPDATE_IN_PROGRESS", "UPDATE_COMPLETE"]);
    assert.deepEqual(stackStatuses(gone.id), ["DELETE_IN_PROGRESS"].concat(stackStatuses(gone.id).slice(1)));
    assert.ok(!stackStatuses(gone.id).some((s) => /CREATE|UPDATE/.test(s)), stackStatuses(gone.id).join(", "));
    assert.ok(history.every((h) => h.who && h.durationMs !== null));
  });

  test("a deploy in progress is resumed from the database alone (restart)", async () => {
    const { user, caller } = await createUser(platform);
    const { project, versions } = await projectWithVersions(caller, ["Resume me."]);
    await caller.deploy.connect({ mode: "default-chain", region: "us-east-1" });
    // A deployment row left in 'pending' by a process that died before its watcher ran.
    const d = await insertDeployment(platform.db, { projectId: project.id, versionId: versions[0]!.id, version: 1, userId: user.id, environment: "prod", kind: "deploy", stackName: "support-bot-prod", region: "us-east-1", changeSetName: "cs-resume" });
    assert.equal(await resumeDeployments(platform), 1);
    const review = await until(() => caller.deploy.get({ projectId: project.id, deploymentId: d.id }), (x) => x.status === "review");
    assert.equal(review.status, "review", review.error ?? "");
    // Approved: a second sweep while its watcher runs does not drive it twice (conditional moves).
    await caller.deploy.approve({ projectId: project.id, deploymentId: d.id });
    await resumeDeployments(platform);
    const done = await until(() => caller.deploy.get({ projectId: project.id, deploymentId: d.id }), (x) => x.status === "succeeded");
    assert.equal(done.status, "succeeded", done.error ?? "");
    assert.ok(done.lastEventId);
  });

  test("a denied action in the IAM policy simulation blocks Apply, naming the action; nothing is recorded", async () => {
    /** The local account with IAM policies that deny iam:PassRole explicitly, as a simulated AWS account would report it. */
    class DenyingDeployer extends LocalDeployer {
      override async simulatePermissions(_t: DeployTarget, principalArn: string, actions: string[]): Promise<PermissionCheck> {
        return { simulated: true, principalArn, results: actions.map((action) => ({ action, decision: action === "iam:PassRole" ? "explicitDeny" : "allowed" })) };
      }
    }
    setDeployer(platform, new DenyingDeployer(platform.blobs, { stepMs: 15 }));
    try {
      const { caller } = await createUser(platform);
      const { project, versions } = await projectWithVersions(caller, ["Denied."]);
      const connected = await caller.deploy.connect({ mode: "default-chain", region: "us-east-1" });
      assert.deepEqual(connected.permissions.simulated ? connected.permissions.results.filter((r) => r.decision !== "allowed") : null, [{ action: "iam:PassRole", decision: "explicitDeny" }]);
      await assert.rejects(caller.deploy.start({ projectId: project.id, versionId: versions[0]!.id, environment: "dev" }), (e) => code(e) === "FORBIDDEN" && /iam:PassRole \(explicitDeny for /.test((e as Error).message));
      assert.equal((await caller.deploy.history({ projectId: project.id })).length, 0);
    } finally {
      setDeployer(platform, new LocalDeployer(platform.blobs, { stepMs: 15 }));
    }
  });
});
