/**
 * The operations docs cover what the stack defines: every deploy input and secret in the
 * deployment guide, the idle-cost table from the product's estimator, every alarm kind in the
 * runbook, and the README links them.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { DeployInputs } from "../../stacks/inputs";
import { REQUIRED } from "./rules/requirements";

const root = resolve(import.meta.dirname, "../..");
const read = (p: string) => readFileSync(resolve(root, p), "utf8");

describe("docs/deployment.md", () => {
  const doc = read("docs/deployment.md");
  test("covers prerequisites, IAM, Bedrock, Neon, secrets, deploy, verify, CI/CD, cost, tear down", () => {
    for (const heading of ["## 1. Prerequisites", "### The deployer's IAM permissions", "### Bedrock model access", "### Neon Postgres", "## 2. Secrets", "## 4. Deploy", "## 5. Verify", "## 6. CI/CD", "## 7. What it costs while idle", "## 8. Tear down"]) {
      assert.ok(doc.includes(heading), `missing section ${heading}`);
    }
  });
  test("documents every deploy input and every secret", () => {
    for (const input of Object.keys(DeployInputs.shape)) assert.ok(doc.includes(`\`${input}\``), `deploy input ${input} is not documented`);
    for (const secret of [...REQUIRED.secrets.required, ...REQUIRED.secrets.optional, "LlmApiKey"]) assert.ok(doc.includes(`sst secret set ${secret}`), `secret ${secret} is not documented`);
  });
  test("has the estimator's idle-cost tables, and says whether $10 is reachable", () => {
    assert.match(doc, /scripts\/platform-cost\.ts/);
    assert.equal((doc.match(/\| \*\*Total\*\* \| \*\*\$\d+\.\d\d\*\*/g) ?? []).length, 3);
    assert.match(doc, /\$10 monthly budget is not reachable/);
  });
});

describe("docs/runbook.md", () => {
  const doc = read("docs/runbook.md");
  test("explains every alarm kind, DLQ redrive, the three restores and the incident playbook", () => {
    for (const alarm of ["ErrorRate", "Duration", "DlqNotEmpty", "AgentTableThrottled", "RealtimeNotRunning", "RealtimeElb5xx", "monthly"]) assert.ok(doc.includes(alarm), `alarm ${alarm} is not explained`);
    for (const heading of ["## Dead-letter queue redrive", "### DynamoDB point-in-time recovery", "### Postgres: Neon branching", "### S3 versioning", "## Incident playbook"]) {
      assert.ok(doc.includes(heading), `missing section ${heading}`);
    }
  });
  test("links between the two docs resolve to existing sections", () => {
    const slugs = (text: string) => [...text.matchAll(/^#+ (.+)$/gm)].map((m) => m[1]!.toLowerCase().replace(/[^\w\s-]/g, "").trim().replace(/\s+/g, "-"));
    for (const [from, to] of [["docs/deployment.md", "runbook.md"], ["docs/runbook.md", "deployment.md"]] as const) {
      const targets = slugs(read(`docs/${to}`));
      for (const m of read(from).matchAll(new RegExp(`${to.replace(".", "\\.")}#([\\w-]+)`, "g"))) {
        assert.ok(targets.includes(m[1]!), `${from} links ${to}#${m[1]}, which does not exist`);
      }
    }
  });
});

const readme = existsSync(resolve(root, "README.md")) ? read("README.md") : "";
const linked = ["docs/deployment.md", "docs/runbook.md"].every((d) => readme.includes(`](${d})`) || readme.includes(`](./${d})`));
test("the README links the deployment guide and the runbook", () => {
  assert.ok(linked);
});

// The smoke test calls generation.generate → modification.get → generation.listVersions.
const deployment = read("docs/deployment.md");
const smokeCurrent = !/SMOKE_GENERATE_PATH|SMOKE_STATUS_PATH|generation\.start|generation\.status/.test(deployment);
test("the deployment guide describes the smoke test's real generate flow", () => {
  assert.ok(smokeCurrent);
});

const apiLinked = readme.includes("](docs/api.md)") || readme.includes("](./docs/api.md)");
test("the README links the API reference", () => {
  assert.ok(apiLinked);
});
