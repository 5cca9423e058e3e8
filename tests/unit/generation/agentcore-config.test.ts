import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { generateProject } from "../../../server/generation/generate-project";
import { AGENTCORE_CLI, checkAgentCoreConfig } from "../../../server/generation/verify/agentcore-config";
import { verifyProject } from "../../../server/generation/verify/verify-project";
import { apiToolFromDocument } from "../../../server/openapi/import";
import { PETSTORE } from "../../helpers/petstore";
import { baseSpec, fixtureRegistry } from "./fixtures";

/**
 * QA checks agentcore/agentcore.json against the AgentCore CLI's own schema
 * (server/generation/verify/agentcore-cli-schema.json, built from @aws/agentcore): what the
 * generator writes is accepted by `agentcore dev/deploy`, and a config it would reject fails
 * verification naming the field.
 */

const config = (files: Map<string, string | Uint8Array>) => String(files.get("agentcore/agentcore.json"));

describe("agentcore.json against the AgentCore CLI's schema", () => {
  for (const language of ["python", "typescript"] as const) {
    test(`${language}: the generated config is accepted, with and without a tools gateway`, async () => {
      const api = await apiToolFromDocument(PETSTORE, { name: "petstore", select: ["GET /pets/{petId}"], exposure: "gateway" });
      for (const spec of [baseSpec({ language }), baseSpec({ language, name: `${language}-gateway-agent`, apiTools: [api] })]) {
        const files = generateProject(spec, fixtureRegistry).files;
        assert.deepEqual(checkAgentCoreConfig(config(files)), [], spec.name);
      }
    });
  }

  test("a config the CLI would reject fails, naming the field and the CLI version", () => {
    const files = generateProject(baseSpec({ language: "python" }), fixtureRegistry).files;
    const doc = JSON.parse(config(files)) as { runtimes: Array<Record<string, unknown>>; [k: string]: unknown };
    doc.runtimes[0]!.build = "Docker";
    delete doc.runtimes[0]!.entrypoint;
    doc.gateways = [];
    const messages = checkAgentCoreConfig(JSON.stringify(doc)).map((f) => f.message);
    assert.ok(messages.some((m) => m.startsWith("/runtimes/0/build must be one of \"CodeZip\", \"Container\"")), messages.join("\n"));
    assert.ok(messages.some((m) => m.startsWith("/runtimes/0 must have required property 'entrypoint'")), messages.join("\n"));
    assert.ok(messages.some((m) => m.startsWith("the top level: 'gateways' is not a field the AgentCore CLI knows")), messages.join("\n"));
    assert.ok(messages.every((m) => m.endsWith(`(schema of ${AGENTCORE_CLI})`)));
  });

  test("verification runs the check for AgentCore projects only, and fails the project on a rejected config", async () => {
    const agentcore = generateProject(baseSpec({ language: "python" }), fixtureRegistry).files;
    const ok = await verifyProject(agentcore, { python: "optional" });
    assert.equal(ok.ran.find((r) => r.check === "agentcore-config")?.status, "passed");

    const broken = new Map(agentcore);
    broken.set("agentcore/agentcore.json", config(agentcore).replace('"runtimeVersion": "PYTHON_3_12"', '"runtimeVersion": "PYTHON_2_7"'));
    assert.notEqual(broken.get("agentcore/agentcore.json"), config(agentcore), "the defect was put in");
    const failed = await verifyProject(broken, { python: "optional" });
    assert.equal(failed.ok, false);
    assert.match(failed.checks.find((c) => c.check === "agentcore-config")?.message ?? "", /\/runtimes\/0\/runtimeVersion/);

    const lambda = generateProject(baseSpec({ language: "python", deployment: { target: "lambda" } }), fixtureRegistry).files;
    assert.equal((await verifyProject(lambda, { python: "optional" })).ran.find((r) => r.check === "agentcore-config")?.status, "not-applicable");
  });

  test("with a tools gateway (which agentcore.json cannot carry here), scripts/agentcore-deploy.sh refuses and points at scripts/deploy.sh", async () => {
    const api = await apiToolFromDocument(PETSTORE, { name: "petstore", select: ["GET /pets/{petId}"], exposure: "gateway" });
    const files = generateProject(baseSpec({ language: "typescript", apiTools: [api] }), fixtureRegistry).files;
    const dir = mkdtempSync(join(tmpdir(), "agentcore-deploy-"));
    try {
      writeFileSync(join(dir, "agentcore-deploy.sh"), String(files.get("scripts/agentcore-deploy.sh")));
      const run = spawnSync("sh", [join(dir, "agentcore-deploy.sh")], { cwd: dir, encoding: "utf8", env: { ...process.env, PATH: "/usr/bin:/bin" } });
      assert.equal(run.status, 1);
      assert.match(run.stderr, /tools gateway, which only infra\/cloudformation\.yaml creates: deploy with sh scripts\/deploy\.sh/);
      assert.doesNotMatch(String(files.get("README.md")), /sh scripts\/agentcore-deploy\.sh/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
