/**
 * .github/workflows/deploy.yml is valid YAML with the jobs the issue names: test (the same
 * command as CI), deploy (sst deploy to production through a role assumed with GitHub OIDC,
 * no long-lived keys), smoke tests against the deployed URL, and a rollback when they fail.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "yaml";

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, unknown>; if?: string };
type Job = { needs?: string | string[]; if?: string; permissions?: Record<string, string>; environment?: string; steps: Step[]; outputs?: Record<string, string> };

const file = resolve(import.meta.dirname, "../../.github/workflows/deploy.yml");
let text = "";
let wf: { on: Record<string, unknown>; permissions: Record<string, string>; concurrency: { "cancel-in-progress": boolean }; jobs: Record<string, Job> };
const needs = (j: Job) => [j.needs ?? []].flat();
const runs = (j: Job) => j.steps.map((s) => s.run ?? "").join("\n");
const oidc = (j: Job) => j.steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));

before(() => {
  text = readFileSync(file, "utf8");
  wf = parse(text);
});

describe("deploy workflow", () => {
  test("runs on pushes to main, pull requests and by hand", () => {
    assert.deepEqual(Object.keys(wf.on).sort(), ["pull_request", "push", "workflow_dispatch"]);
    assert.deepEqual((wf.on.push as { branches: string[] }).branches, ["main"]);
  });

  test("is read-only by default and never cancels a deployment half-way", () => {
    assert.deepEqual(wf.permissions, { contents: "read" });
    assert.equal(wf.concurrency["cancel-in-progress"], false);
  });

  test("has exactly the test, deploy, smoke and rollback jobs, in that order of dependency", () => {
    assert.deepEqual(Object.keys(wf.jobs), ["test", "deploy", "smoke", "rollback"]);
    assert.deepEqual(needs(wf.jobs.deploy!), ["test"]);
    assert.deepEqual(needs(wf.jobs.smoke!), ["deploy"]);
    assert.deepEqual(needs(wf.jobs.rollback!).sort(), ["deploy", "smoke"]);
  });

  test("the test job runs the same command as CI (.ci/run)", () => {
    assert.match(runs(wf.jobs.test!), /(^|\s)(bash )?\.ci\/run\b/);
    assert.equal(oidc(wf.jobs.test!), undefined);
  });

  test("deploy: only from main, OIDC role, sst deploy --stage production, outputs the URL", () => {
    const deploy = wf.jobs.deploy!;
    assert.match(deploy.if ?? "", /refs\/heads\/main/);
    assert.equal(deploy.environment, "production");
    assert.equal(deploy.permissions?.["id-token"], "write");
    assert.match(String(oidc(deploy)?.with?.["role-to-assume"]), /\$\{\{ vars\.AWS_DEPLOY_ROLE_ARN \}\}/);
    assert.match(runs(deploy), /npx sst deploy --stage production/);
    assert.match(deploy.outputs?.url ?? "", /steps\.deploy\.outputs\.url/);
    assert.match(deploy.outputs?.previous_sha ?? "", /steps\.previous\.outputs\.sha/);
  });

  test("deploy and rollback can build the ARM64 images on an x86 runner", () => {
    for (const name of ["deploy", "rollback"]) {
      const qemu = wf.jobs[name]!.steps.find((s) => s.uses?.startsWith("docker/setup-qemu-action@"));
      assert.match(String(qemu?.with?.platforms), /arm64/, name);
    }
  });

  test("no long-lived AWS keys anywhere", () => {
    assert.doesNotMatch(text, /AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-access-key-id|aws-secret-access-key/);
    for (const [name, job] of Object.entries(wf.jobs)) {
      if (oidc(job)) assert.equal(job.permissions?.["id-token"], "write", `${name} assumes a role without id-token: write`);
    }
  });

  test("smoke tests sign in, create a project and generate against the deployed URL", () => {
    const smoke = wf.jobs.smoke!;
    const step = smoke.steps.find((s) => s.run?.includes("tests/infra/smoke/deployed-smoke.ts"));
    assert.ok(step, "the smoke job runs the smoke script");
    assert.equal(step.env?.SMOKE_URL, "${{ needs.deploy.outputs.url }}");
    assert.match(runs(smoke), /put-parameter/, "a passing smoke test records the last good commit");
  });

  test("rollback redeploys the last good commit only when the smoke test failed", () => {
    const rollback = wf.jobs.rollback!;
    assert.match(rollback.if ?? "", /needs\.smoke\.result == 'failure'/);
    assert.match(rollback.if ?? "", /always\(\)/);
    const checkout = rollback.steps.find((s) => s.uses?.startsWith("actions/checkout@"));
    assert.equal(checkout?.with?.ref, "${{ needs.deploy.outputs.previous_sha }}");
    assert.match(runs(rollback), /npx sst deploy --stage production/);
    assert.equal(rollback.permissions?.["id-token"], "write");
  });
});
