import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { addLockfile, LOCKFILE } from "../../server/generation/lockfile";
import { dirLockfileCache } from "../../server/generation/lockfile/cache";
import { resolveNpmLockfile } from "../../server/generation/lockfile/npm-resolve";
import type { ProjectFiles } from "../../server/generation/types";
import { createPipelineDeps } from "../../server/modifications/workers/default-deps";
import type { LocalPlatform } from "../../server/platform/local";
import { createUser, startTestPlatform } from "../helpers/platform";
import { setDraft, SPEC, startWorkers } from "../helpers/pipeline";

/**
 * Every TypeScript version gets package-lock.json through the real pipeline (Dev adds it, QA
 * checks it, Ops stores it in the files and the ZIP), so `docker build` (npm ci) works on a
 * fresh version and the Code tab shows no lockfile or Dockerfile warning. When npm cannot reach
 * the registry, the version still lands and QA's finding says why and how to make the lockfile.
 */

let platform: LocalPlatform;
type Lockfile = NonNullable<ReturnType<typeof createPipelineDeps>["lockfile"]>;
let lockfile: Lockfile;

before(async () => {
  platform = await startTestPlatform({ queue: { visibilityTimeoutMs: 300_000, retryDelayMs: 20, pollIntervalMs: 5 } });
  startWorkers(platform, { lockfile: (files: ProjectFiles) => lockfile(files) });
});
after(() => platform.close());

async function generateTypeScript(name: string) {
  const { user, caller } = await createUser(platform);
  const project = await caller.project.create({ name });
  await setDraft(platform, project.id, user.id, { ...SPEC, language: "typescript", deployment: { ...SPEC.deployment, target: "ecs-fargate" } });
  const gen = await caller.generation.generate({ projectId: project.id });
  await platform.jobs.drain(280_000);
  const m = await caller.modification.get({ projectId: project.id, modificationId: gen.modificationId });
  assert.equal(m.status, "done", m.error ?? "");
  const [summary] = await caller.generation.listVersions({ projectId: project.id });
  const version = await caller.generation.get({ projectId: project.id, versionId: summary!.id });
  return { version, files: new Map(version.files.map((f) => [f.path, f.content ?? ""])) };
}

describe("every TypeScript version carries package-lock.json", { timeout: 600_000 }, () => {
  test("a fresh TypeScript generate: package-lock.json in the version, matching package.json, and no lockfile or Dockerfile warning", async () => {
    lockfile = createPipelineDeps(platform).lockfile!;
    const { version, files } = await generateTypeScript("Locked");
    const lock = JSON.parse(files.get(LOCKFILE) ?? "null") as { name: string; packages: Record<string, { version?: string }> } | null;
    assert.ok(lock, "the version has package-lock.json");
    const pkg = JSON.parse(files.get("package.json")!) as { name: string; dependencies: Record<string, string> };
    assert.equal(lock.name, pkg.name);
    for (const [name, v] of Object.entries(pkg.dependencies)) assert.equal(lock.packages[`node_modules/${name}`]?.version, v, name);
    const findings = version.verification?.checks.filter((c) => c.check === "lockfile" || c.check === "dockerfile") ?? [];
    assert.deepEqual(findings, []);
    assert.equal(version.verification?.ran.find((r) => r.check === "lockfile")?.status, "passed");
  });

  test("offline: the version still lands without a lockfile, and QA's finding gives npm's reason and how to make it", async () => {
    const cache = dirLockfileCache(mkdtempSync(join(tmpdir(), "lock-offline-")));
    lockfile = (files) => addLockfile(files, { cache, resolve: (deps) => resolveNpmLockfile(deps, { registry: "http://127.0.0.1:9/", fetchRetries: 0 }) });
    const { version, files } = await generateTypeScript("Offline lock");
    assert.equal(files.has(LOCKFILE), false);
    const findings = version.verification?.checks.filter((c) => c.check === "lockfile") ?? [];
    assert.deepEqual(findings.map((f) => [f.file, f.severity]), [["package.json", "warning"]]);
    assert.match(findings[0]!.message, /package-lock\.json could not be resolved here \(npm could not resolve the dependencies: code ECONNREFUSED/);
    assert.match(findings[0]!.message, /npm install --package-lock-only --ignore-scripts/);
  });
});
