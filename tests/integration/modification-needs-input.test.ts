import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TRPCError } from "@trpc/server";
import type { LocalPlatform } from "../../server/platform/local";
import { createUser, startTestPlatform } from "../helpers/platform";
import { setDraft, startWorkers } from "../helpers/pipeline";

let platform: LocalPlatform;
before(async () => {
  platform = await startTestPlatform({ queue: { visibilityTimeoutMs: 30_000, retryDelayMs: 20, pollIntervalMs: 5 } });
  startWorkers(platform);
});
after(() => platform.close());

const code = (e: unknown) => (e as TRPCError).code;

describe("change requests that need input or change nothing", () => {
  test("'add the Slack MCP server' waits for the workspace ID by its human name, later requests queue behind it, and the answer resumes the same modification to a new version", async () => {
    const { user, caller } = await createUser(platform);
    const project = await caller.project.create({ name: "Needs input" });
    await setDraft(platform, project.id, user.id);
    await caller.generation.generate({ projectId: project.id });
    await platform.jobs.drain(60_000);

    const m = await caller.modification.request({ projectId: project.id, request: "add the Slack MCP server" });
    await platform.jobs.drain(60_000);
    const waiting = await caller.modification.get({ projectId: project.id, modificationId: m.modificationId });
    assert.equal(waiting.status, "needs-input", waiting.error ?? "");
    assert.deepEqual(waiting.plan?.needsInput.map((n) => [n.toolId, n.param]), [["mcp_slack", "team_id"]]);
    assert.match(waiting.plan!.needsInput[0]!.label, /Slack workspace \(team\) ID/);

    const behind = await caller.modification.request({ projectId: project.id, request: "deploy on Lambda instead" });
    await platform.jobs.drain(30_000);
    assert.equal((await caller.modification.get({ projectId: project.id, modificationId: behind.modificationId })).status, "queued", "queues behind the one waiting");

    await assert.rejects(caller.modification.answer({ projectId: project.id, modificationId: m.modificationId, answers: {} }), (e) => code(e) === "BAD_REQUEST" && /answers/.test((e as Error).message));
    const resumed = await caller.modification.answer({ projectId: project.id, modificationId: m.modificationId, answers: { "mcp_slack.team_id": "T012AB3CD" } });
    assert.equal(resumed.modificationId, m.modificationId);
    await platform.jobs.drain(120_000);
    const done = await caller.modification.get({ projectId: project.id, modificationId: m.modificationId });
    assert.equal(done.status, "done", done.error ?? "");
    const versions = await caller.generation.listVersions({ projectId: project.id });
    const v = await caller.generation.get({ projectId: project.id, versionId: versions.find((x) => x.id === done.ops?.versionId)!.id });
    assert.match(v.files.find((f) => f.path === "agent-spec.json")!.content!, /"team_id": "T012AB3CD"/);
    await assert.rejects(caller.modification.answer({ projectId: project.id, modificationId: m.modificationId, answers: { team_id: "x" } }), (e) => code(e) === "CONFLICT");
  });

  test("a request the spec already satisfies ends as 'no-change', neutral, without a new version", async () => {
    const { user, caller } = await createUser(platform);
    const project = await caller.project.create({ name: "No change" });
    await setDraft(platform, project.id, user.id);
    await caller.generation.generate({ projectId: project.id });
    await platform.jobs.drain(60_000);
    const m = await caller.modification.request({ projectId: project.id, request: "deploy it on agentcore" });
    await platform.jobs.drain(60_000);
    const done = await caller.modification.get({ projectId: project.id, modificationId: m.modificationId });
    assert.equal(done.status, "no-change");
    assert.equal(done.error, null);
    assert.equal((await caller.generation.listVersions({ projectId: project.id })).length, 1);
  });

  test("a change request on a spec with fields still open fails naming them in the user's words, not by internal path", async () => {
    const { user, caller } = await createUser(platform);
    const project = await caller.project.create({ name: "Incomplete" });
    await setDraft(platform, project.id, user.id, { name: "helpdesk-bot", description: "Answers employee questions" });
    const m = await caller.modification.request({ projectId: project.id, request: "deploy on Lambda instead" });
    await platform.jobs.drain(60_000);
    const failed = await caller.modification.get({ projectId: project.id, modificationId: m.modificationId });
    assert.equal(failed.status, "failed");
    assert.match(failed.error ?? "", /System prompt is missing/);
    assert.match(failed.error ?? "", /Model is missing/);
    assert.doesNotMatch(failed.error ?? "", /systemPrompt|model\.id|deployment\b/);
  });

  test("another user's modification cannot be answered", async () => {
    const alice = await createUser(platform);
    const bob = await createUser(platform);
    const project = await alice.caller.project.create({ name: "Private" });
    await assert.rejects(bob.caller.modification.answer({ projectId: project.id, modificationId: "mod_00000000000000000000000000", answers: { team_id: "x" } }), (e) => code(e) === "NOT_FOUND");
  });
});
