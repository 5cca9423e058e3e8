import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { bootstrapNames } from "../../server/deploy/bootstrap";
import { lambdaPackageKey } from "../../server/deploy/lambda-package";
import { stopWatchingDeployments } from "../../server/deploy/watch";
import { listEventsAfter } from "../../server/dynamo/event-repo";
import { generateProject } from "../../server/generation";
import { setDeployer } from "../../server/platform";
import { LocalDeployer } from "../../server/platform/deployer/local-deployer";
import { localLambdaPackager } from "../../server/platform/deployer/local-lambda-package";
import type { DeployTarget } from "../../server/platform/deployer/types";
import type { LocalPlatform } from "../../server/platform/local";
import { loadRegistry } from "../../server/composition/services";
import { registryLookup } from "../../server/registry/load";
import { storeVersion } from "../../server/versions/service";
import { createUser, startTestPlatform } from "../helpers/platform";
import { SPEC } from "../helpers/sample-spec";

/**
 * A Lambda deploy uploads what Lambda runs: the local deployer runs package-lambda.sh's steps
 * for real (the rehearsal's dependency cache, shared with tests/generator), and the change
 * set's CodeKey names that package, not the sources.
 */
const CACHE = join(tmpdir(), "agent-builder-rehearsal-cache");
const TARGET: DeployTarget = { mode: "default-chain", region: "us-east-1" };
const NAMES = bootstrapNames("000000000000", "us-east-1");
let platform: LocalPlatform;
let deployer: LocalDeployer;

before(async () => {
  platform = await startTestPlatform();
  deployer = new LocalDeployer(platform.blobs, { stepMs: 15, packageLambda: localLambdaPackager(CACHE) });
  setDeployer(platform, deployer);
});
after(async () => {
  await stopWatchingDeployments();
  await platform.close();
});

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function deployLambda(language: "typescript" | "python", name: string) {
  const { caller } = await createUser(platform);
  const project = await caller.project.create({ name });
  const spec = { ...SPEC, name, language, deployment: { target: "lambda" as const } };
  const version = await storeVersion(platform, { projectId: project.id, spec, generated: generateProject(spec, registryLookup(loadRegistry())), verification: null });
  await caller.deploy.connect({ mode: "default-chain", region: "us-east-1" });
  const plan = await caller.deploy.plan({ projectId: project.id, versionId: version.id });
  assert.deepEqual(plan.lambdaPackage, { language, architecture: "arm64" });
  const started = await caller.deploy.start({ projectId: project.id, versionId: version.id, environment: "dev" });
  const ref = { projectId: project.id, deploymentId: started.id };
  const d = await until(() => caller.deploy.get(ref), (x) => x.status !== "pending" && x.status !== "uploading" && x.status !== "packaging" && x.status !== "creating_change_set", 300_000);
  // The timeline entry follows the status move: wait for the packaging step's last entry.
  const timeline = async () => (await listEventsAfter(platform.dynamo, project.id, 0)).filter((e) => e.type === "deploy.event").map((e) => (e.payload as { event: { logicalId: string; status: string; reason: string | null } }).event);
  const events = await until(timeline, (es) => es.some((e) => e.logicalId === "LambdaPackage" && e.status !== "PACKAGE_IN_PROGRESS"), 5_000);
  const stored = await platform.blobs.get(`local-aws/000000000000/us-east-1/stacks/${plan.stackName}.json`);
  const stack = stored ? (JSON.parse(new TextDecoder().decode(stored)) as { changeSets: Record<string, { parameters: Record<string, string> }> }) : null;
  return { d, plan, version, events, changeSet: stack?.changeSets[d.changeSetName!] };
}

describe("Lambda deploys upload the package Lambda runs", () => {
  test("TypeScript: the package holds the built handler and production node_modules, not the sources; the change set names it", async () => {
    const { d, plan, version, events, changeSet } = await deployLambda("typescript", "lambda-ts-bot");
    assert.equal(d.status, "review", d.error ?? "");
    const key = lambdaPackageKey(plan.stackName, version.contentHash, { language: "typescript", architecture: "arm64" });
    assert.equal(changeSet?.parameters.CodeKey, key);
    assert.equal(changeSet?.parameters.CodeBucket, NAMES.bucket);
    const zip = await JSZip.loadAsync((await platform.blobs.get(deployer.objectKey(TARGET, NAMES, key)))!);
    const names = Object.keys(zip.files);
    assert.ok(names.includes("dist/lambda.js"), "the built handler (dist/lambda.handler)");
    assert.ok(names.includes("package.json"));
    assert.ok(names.some((n) => n.startsWith("node_modules/@strands-agents/sdk/")), "the runtime dependencies");
    assert.ok(!names.some((n) => n.startsWith("node_modules/typescript/")), "no devDependencies");
    assert.ok(!names.some((n) => n.startsWith("src/")), "no TypeScript sources");
    assert.deepEqual(events.filter((e) => e.logicalId === "LambdaPackage").map((e) => e.status), ["PACKAGE_IN_PROGRESS", "PACKAGE_COMPLETE"]);
  });

  test("Python: packaging is skipped visibly (no PyPI here), never reported as built", async () => {
    const { d, events } = await deployLambda("python", "lambda-py-bot");
    assert.equal(d.status, "review", d.error ?? "");
    const done = events.filter((e) => e.logicalId === "LambdaPackage").at(-1);
    assert.equal(done?.status, "PACKAGE_SKIPPED");
    assert.match(done?.reason ?? "", /^skipped: dependencies unavailable/);
  });

  test("a failed packaging build fails the deployment with the build's reason and shows it on the timeline", async () => {
    setDeployer(platform, new LocalDeployer(platform.blobs, { stepMs: 15, packageLambda: async () => { throw new Error("npm ci exited 1"); } }));
    try {
      const { d, events } = await deployLambda("typescript", "lambda-broken-bot");
      assert.equal(d.status, "failed");
      assert.match(d.error ?? "", /Lambda packaging build .* FAILED: BUILD: npm ci exited 1/);
      assert.equal(events.filter((e) => e.logicalId === "LambdaPackage").at(-1)?.status, "PACKAGE_FAILED");
    } finally {
      setDeployer(platform, deployer);
    }
  });
});
