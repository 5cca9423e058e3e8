import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { generateProject } from "../../../server/generation/generate-project";
import { addLockfile, LOCKFILE } from "../../../server/generation/lockfile";
import { dirLockfileCache } from "../../../server/generation/lockfile/cache";
import { resolveNpmLockfile } from "../../../server/generation/lockfile/npm-resolve";
import { checkDockerfile } from "../../../server/generation/verify/dockerfile";
import { checkLockfile } from "../../../server/generation/verify/lockfile";
import { verifyProject } from "../../../server/generation/verify/verify-project";
import { baseSpec, fixtureRegistry } from "./fixtures";

/**
 * Generated TypeScript projects install from a lockfile: the Dockerfile, the Lambda package
 * script and CI use `npm ci`, and npm resolves package-lock.json (from the registry, once per
 * dependency set, then from the cache) into the project. Offline, the project has none and
 * the outcome says why; verify flags a missing or stale lockfile and `npm install` in a Dockerfile.
 */

const freshCache = () => dirLockfileCache(mkdtempSync(join(tmpdir(), "lock-cache-")));
/** A registry nobody listens on: npm fails at once (no retries), so any registry call shows. */
const OFFLINE = { registry: "http://127.0.0.1:9/", fetchRetries: 0, timeoutMs: 60_000 };
const agentcore = () => generateProject(baseSpec({ name: "lock-agent", language: "typescript", deployment: { target: "agentcore" } }), fixtureRegistry);

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

  test("verify: npm install in a Dockerfile is an error; a missing lockfile a warning that says how to make it; a stale one an error", () => {
    const text = 'FROM node:22 AS build\nRUN npm install\nFROM node:22\nUSER node\nCMD ["node", "x.js"]\n';
    const found = checkDockerfile("Dockerfile", text, "ecs-fargate");
    assert.deepEqual(found.map((f) => [f.line, f.severity]), [[2, "error"]]);
    assert.match(found[0]!.message, /npm install.*package-lock\.json.*npm ci/);
    assert.deepEqual(checkDockerfile("Dockerfile", text.replace("npm install", "npm ci"), "ecs-fargate"), []);

    const pkg = JSON.stringify({ name: "a", dependencies: { zod: "4.1.0" }, devDependencies: { typescript: "5.9.3" } });
    const missing = checkLockfile(new Map([["package.json", pkg]]));
    assert.deepEqual(missing.map((f) => [f.check, f.file, f.severity]), [["lockfile", "package.json", "warning"]]);
    assert.match(missing[0]!.message, /npm install --package-lock-only --ignore-scripts/);
    const lock = (zod: string) =>
      JSON.stringify({ packages: { "": { dependencies: { zod: "4.1.0" }, devDependencies: { typescript: "5.9.3" } }, "node_modules/zod": { version: zod }, "node_modules/typescript": { version: "5.9.3" } } });
    assert.deepEqual(checkLockfile(new Map([["package.json", pkg], [LOCKFILE, lock("4.1.0")]])), []);
    const stale = checkLockfile(new Map([["package.json", pkg], [LOCKFILE, lock("4.0.0")]]));
    assert.deepEqual(stale.map((f) => [f.check, f.file, f.severity]), [["lockfile", LOCKFILE, "error"]]);
    assert.match(stale[0]!.message, /zod: 4\.1\.0 is asked, the lockfile installs 4\.0\.0/);
    assert.deepEqual(checkLockfile(new Map([["requirements.txt", "x==1"]])), [], "Python projects have no npm lockfile");
  });

  test("npm resolves package-lock.json once per dependency set: the project's name, every dependency pinned, verify clean; the second time from the cache", async () => {
    const project = agentcore();
    const cache = freshCache();
    const locked = await addLockfile(project.files, { cache, resolve: (deps) => resolveNpmLockfile(deps) });
    assert.equal(locked.lockfile?.status, "resolved", locked.lockfile?.reason);
    assert.notEqual(locked.contentHash, project.contentHash);
    const lock = JSON.parse(String(locked.files.get(LOCKFILE))) as { name: string; lockfileVersion: number; packages: Record<string, { version?: string; name?: string }> };
    assert.equal(lock.name, "lock-agent");
    assert.equal(lock.packages[""]!.name, "lock-agent");
    assert.ok(lock.lockfileVersion >= 3);
    const pkg = JSON.parse(String(project.files.get("package.json"))) as { dependencies: Record<string, string> };
    for (const [name, version] of Object.entries(pkg.dependencies)) assert.equal(lock.packages[`node_modules/${name}`]?.version, version, name);

    // The cached path makes no registry call: the resolver would fail against a dead registry.
    let resolves = 0;
    const again = await addLockfile(project.files, { cache, resolve: (deps) => (resolves++, resolveNpmLockfile(deps, OFFLINE)) });
    assert.equal(again.lockfile?.status, "cached");
    assert.equal(resolves, 0);
    assert.equal(again.contentHash, locked.contentHash, "the same dependencies give the same lockfile");
    const result = await verifyProject(locked.files, { requiredIam: project.requiredIam });
    assert.deepEqual(result.checks.filter((c) => c.check === "dockerfile" || c.check === "lockfile"), []);
    assert.equal(result.ran.find((r) => r.check === "lockfile")?.status, "passed");
  });

  test("offline: the project is still generated, without a lockfile, and the outcome says npm's reason", async () => {
    const project = agentcore();
    const offline = await addLockfile(project.files, { cache: freshCache(), resolve: (deps) => resolveNpmLockfile(deps, OFFLINE) });
    assert.equal(offline.lockfile?.status, "failed");
    assert.match(offline.lockfile!.reason!, /npm could not resolve the dependencies: .*(ECONNREFUSED|127\.0\.0\.1)/s);
    assert.equal(offline.files.has(LOCKFILE), false);
    assert.equal(offline.contentHash, project.contentHash);
    const result = await verifyProject(offline.files, { requiredIam: project.requiredIam });
    assert.deepEqual(result.checks.filter((c) => c.check === "lockfile").map((c) => [c.file, c.severity]), [["package.json", "warning"]]);
  });
});
