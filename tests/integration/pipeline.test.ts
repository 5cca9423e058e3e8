import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TRPCError } from "@trpc/server";
import { listEventsAfter } from "../../server/dynamo/event-repo";
import type { LocalPlatform } from "../../server/platform/local";
import type { VerificationResult } from "../../server/generation/verify/types";
import { createUser, startTestPlatform } from "../helpers/platform";
import { setDraft, SPEC, startWorkers } from "../helpers/pipeline";

let platform: LocalPlatform;
let verifyImpl: ((call: number) => VerificationResult) | null = null;
let verifyCalls = 0;

before(async () => {
  platform = await startTestPlatform({ queue: { visibilityTimeoutMs: 30_000, retryDelayMs: 20, pollIntervalMs: 5 } });
  const real = startWorkers(platform);
  // QA's engine is the real verification unless a test scripts it.
  real.verify = async (files, generated) => {
    verifyCalls++;
    return verifyImpl ? verifyImpl(verifyCalls) : (await import("../../server/generation/verify/verify-project")).verifyProject(files, { requiredIam: generated.requiredIam });
  };
});
after(() => platform.close());

const code = (e: unknown) => (e as TRPCError).code;
const failing = (message: string): VerificationResult => ({ ok: false, checks: [{ check: "python-syntax", file: "agent.py", line: 3, message, severity: "error" }], ran: [] });

describe("modification pipeline (PM → Dev → QA → Ops) on the local platform", () => {
  test("generate, then change the deployment: two verified versions, a diff, and live events in order", async () => {
    const { user, caller } = await createUser(platform);
    const project = await caller.project.create({ name: "Pipeline" });
    await setDraft(platform, project.id, user.id);

    const gen = await caller.generation.generate({ projectId: project.id });
    assert.equal(gen.status, "queued");
    await platform.jobs.drain(60_000);
    const first = await caller.modification.get({ projectId: project.id, modificationId: gen.modificationId });
    assert.equal(first.status, "done", first.error ?? "");
    assert.equal(first.qa.at(-1)?.ok, true);

    const change = await caller.modification.request({ projectId: project.id, request: "deploy on Lambda instead" });
    await platform.jobs.drain(60_000);
    const second = await caller.modification.get({ projectId: project.id, modificationId: change.modificationId });
    assert.equal(second.status, "done", second.error ?? "");
    assert.deepEqual(second.plan?.changes.map((c) => c.path), ["deployment"]);

    const versions = await caller.generation.listVersions({ projectId: project.id });
    assert.deepEqual(versions.map((v) => v.version), [2, 1]);
    const v2 = await caller.generation.get({ projectId: project.id, versionId: versions[0]!.id });
    assert.match(v2.files.find((f) => f.path === "agent-spec.json")!.content!, /"target": "lambda"/);
    const diff = await caller.generation.diff({ projectId: project.id, from: versions[1]!.id, to: versions[0]!.id });
    assert.ok(diff.files.some((f) => f.path === "agent-spec.json" && f.status === "modified"));
    const zip = await caller.generation.download({ projectId: project.id, versionId: versions[0]!.id });
    assert.ok(zip.bytes > 1000 && zip.filename === "pipeline-v2.zip");

    const events = await listEventsAfter(platform.dynamo, project.id, 0);
    const statuses = events.filter((e) => (e.payload as { modificationId: string }).modificationId === change.modificationId).map((e) => (e.payload as { status: string }).status);
    assert.deepEqual(statuses, ["queued", "planning", "developing", "verifying", "packaging", "done"]);
  });

  test("QA sends failures back to Dev at most 3 times, then the modification fails with the reason", async () => {
    const { user, caller } = await createUser(platform);
    const project = await caller.project.create({ name: "Always failing" });
    await setDraft(platform, project.id, user.id);
    verifyImpl = (n) => failing(`syntax error #${n}`);
    try {
      const m = await caller.generation.generate({ projectId: project.id });
      await platform.jobs.drain(60_000);
      const done = await caller.modification.get({ projectId: project.id, modificationId: m.modificationId });
      assert.equal(done.status, "failed");
      assert.equal(done.qaLoops, 3);
      assert.equal(done.dev.length, 3, "Dev ran three times");
      assert.match(done.error!, /gave up after 3 QA rounds/);
      assert.deepEqual(await caller.generation.listVersions({ projectId: project.id }), [], "no version from a failed modification");
    } finally {
      verifyImpl = null;
    }
  });

  test("QA stops early when the same error comes back", async () => {
    const { user, caller } = await createUser(platform);
    const project = await caller.project.create({ name: "Same error" });
    await setDraft(platform, project.id, user.id);
    verifyImpl = () => failing("the same problem");
    try {
      const m = await caller.generation.generate({ projectId: project.id });
      await platform.jobs.drain(60_000);
      const done = await caller.modification.get({ projectId: project.id, modificationId: m.modificationId });
      assert.equal(done.status, "failed");
      assert.equal(done.qaLoops, 2);
      assert.match(done.error!, /same errors came back/);
    } finally {
      verifyImpl = null;
    }
  });

  test("an incomplete draft is refused up front; a request nobody understands fails visibly", async () => {
    const { user, caller } = await createUser(platform);
    const project = await caller.project.create({ name: "Incomplete" });
    await setDraft(platform, project.id, user.id, { name: "support-bot" });
    await assert.rejects(caller.generation.generate({ projectId: project.id }), (e) => code(e) === "BAD_REQUEST" && /description/.test((e as Error).message));

    await setDraft(platform, project.id, user.id);
    await caller.generation.generate({ projectId: project.id });
    const m = await caller.modification.request({ projectId: project.id, request: "paint it purple with sparkles" });
    await platform.jobs.drain(60_000);
    const done = await caller.modification.get({ projectId: project.id, modificationId: m.modificationId });
    assert.equal(done.status, "failed");
    assert.ok(done.error && done.error.length > 10);
    assert.equal((await caller.generation.listVersions({ projectId: project.id })).length, 1);
  });

  test("bad requests, foreign projects and cancel rules", async () => {
    const alice = await createUser(platform);
    const bob = await createUser(platform);
    const project = await alice.caller.project.create({ name: "Alice" });
    await assert.rejects(alice.caller.modification.request({ projectId: project.id, request: "  " }), (e) => code(e) === "BAD_REQUEST" && /request/.test((e as Error).message));
    await assert.rejects(alice.caller.modification.request({ projectId: project.id, request: "x".repeat(2001) }), (e) => code(e) === "BAD_REQUEST");
    await assert.rejects(bob.caller.modification.request({ projectId: project.id, request: "add web search" }), (e) => code(e) === "NOT_FOUND");
    await assert.rejects(bob.caller.modification.list({ projectId: project.id }), (e) => code(e) === "NOT_FOUND");
    await assert.rejects(bob.caller.generation.listVersions({ projectId: project.id }), (e) => code(e) === "NOT_FOUND");
  });
});
