import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { generateProject } from "../../../server/generation/generate-project";
import { withNpmLockfile } from "../../../server/generation/lockfile";
import { checkDockerfile } from "../../../server/generation/verify/dockerfile";
import { verifyProject } from "../../../server/generation/verify/verify-project";
import { baseSpec, fixtureRegistry } from "./fixtures";

/**
 * Generated TypeScript projects install from a lockfile: the Dockerfile, the Lambda package
 * script and CI use `npm ci`, and npm resolves package-lock.json (from the registry, once per
 * dependency list) into the project. Verify flags `npm install` in a Dockerfile.
 */

const CACHE = join(tmpdir(), "agent-builder-rehearsal-cache");

describe("lockfile and npm ci", { timeout: 300_000 }, () => {
  test("the Dockerfile, Lambda package script and CI install with npm ci from package-lock.json", () => {
    const container = generateProject(baseSpec({ name: "lock-ecs", language: "typescript", deployment: { target: "ecs-fargate" } }), fixtureRegistry).files;
    const dockerfile = String(container.get("Dockerfile"));
    assert.match(dockerfile, /COPY package\.json package-lock\.json \.\/\nRUN npm ci --no-audit --no-fund/);
    assert.match(dockerfile, /RUN npm ci --omit=dev/);
    assert.doesNotMatch(dockerfile, /npm install/);
    assert.match(String(container.get(".github/workflows/deploy.yml") ?? [...container].find(([p]) => p.startsWith(".github/workflows/"))![1]), /npm ci/);
    const lambda = generateProject(baseSpec({ name: "lock-fn", language: "typescript", deployment: { target: "lambda" } }), fixtureRegistry).files;
    assert.match(String(lambda.get("scripts/package-lambda.sh")), /\nnpm ci --no-audit --no-fund\n[\s\S]*npm ci --omit=dev/);
  });

  test("verify: npm install in a Dockerfile is an error; npm ci without package-lock.json a warning", () => {
    const text = 'FROM node:22 AS build\nRUN npm install\nFROM node:22\nUSER node\nCMD ["node", "x.js"]\n';
    const found = checkDockerfile("Dockerfile", text, "ecs-fargate");
    assert.deepEqual(found.map((f) => [f.line, f.severity]), [[2, "error"]]);
    assert.match(found[0]!.message, /npm install.*package-lock\.json.*npm ci/);
    const ci = checkDockerfile("Dockerfile", text.replace("npm install", "npm ci"), "ecs-fargate", false);
    assert.deepEqual(ci.map((f) => [f.line, f.severity]), [[2, "warning"]]);
    assert.deepEqual(checkDockerfile("Dockerfile", text.replace("npm install", "npm ci"), "ecs-fargate", true), []);
  });

  test("npm resolves package-lock.json for the project: its name, every dependency pinned, and verify passes with it", async () => {
    const project = generateProject(baseSpec({ name: "lock-agent", language: "typescript", deployment: { target: "agentcore" } }), fixtureRegistry);
    const locked = await withNpmLockfile(project.files, CACHE);
    assert.notEqual(locked.contentHash, project.contentHash);
    const lock = JSON.parse(String(locked.files.get("package-lock.json"))) as { name: string; lockfileVersion: number; packages: Record<string, { version?: string; name?: string }> };
    assert.equal(lock.name, "lock-agent");
    assert.equal(lock.packages[""]!.name, "lock-agent");
    assert.ok(lock.lockfileVersion >= 3);
    const pkg = JSON.parse(String(project.files.get("package.json"))) as { dependencies: Record<string, string> };
    for (const [name, version] of Object.entries(pkg.dependencies)) assert.equal(lock.packages[`node_modules/${name}`]?.version, version, name);
    const again = await withNpmLockfile(project.files, CACHE);
    assert.equal(again.contentHash, locked.contentHash, "the same dependencies give the same lockfile");
    const result = await verifyProject(locked.files, { requiredIam: project.requiredIam });
    assert.deepEqual(result.checks.filter((c) => c.check === "dockerfile"), []);
  });
});
