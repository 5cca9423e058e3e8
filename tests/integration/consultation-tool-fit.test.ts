import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TRPCError } from "@trpc/server";
import type { SendEvent } from "../../server/consultation";
import type { LocalPlatform } from "../../server/platform/local";
import { createUser, startTestPlatform } from "../helpers/platform";
import { startWorkers } from "../helpers/pipeline";

/**
 * A spec is never "complete" with a tool the generator will refuse (issue 13's defect):
 * through the real tRPC router, a Python-only tool in a TypeScript spec keeps the spec
 * below 100 % with `tools.N.id` named, the PM offers the alternative, the answer fixes it,
 * and generation then succeeds.
 */

let platform: LocalPlatform;
before(async () => {
  platform = await startTestPlatform({ queue: { visibilityTimeoutMs: 30_000, retryDelayMs: 20, pollIntervalMs: 5 } });
  startWorkers(platform);
});
after(async () => {
  await platform.jobs.drain(60_000);
  await platform.close();
});

const DENTAL = "A scheduling assistant for our dental clinic that books, moves and cancels appointments through our booking system's REST API and sends reminders. It must reply within 2 seconds.";

type Caller = Awaited<ReturnType<typeof createUser>>["caller"];
type Accepted = Extract<SendEvent, { type: "accepted" }>;

/** Sends one message and returns the accepted state and the PM's whole reply. */
async function say(caller: Caller, projectId: string, rev: number, message: string) {
  const events: SendEvent[] = [];
  for await (const e of await caller.consultation.send({ projectId, message, rev })) events.push(e);
  const accepted = events[0] as Accepted;
  assert.equal(accepted.type, "accepted");
  return { state: accepted.state, reply: events.flatMap((e) => (e.type === "text" ? [e.delta] : [])).join("") };
}

/** A Python dental agent, complete: the REST API made the rule engine pick the Python-only HTTP tool. */
async function completePythonProject(tag: string) {
  const { caller } = await createUser(platform, tag);
  const project = await caller.project.create({ name: `Tool fit ${tag}` });
  let rev = (await caller.consultation.get({ projectId: project.id })).state.rev;
  for (const message of [DENTAL, "about 400 requests a day", "$75 a month"]) rev = (await say(caller, project.id, rev, message)).state.rev;
  const got = await caller.consultation.get({ projectId: project.id });
  assert.equal(got.state.completeness, 1, got.state.missing.join());
  assert.deepEqual(got.state.draft.tools?.map((t) => t.id), ["http_request"]);
  return { caller, projectId: project.id, rev };
}

describe("a tool that does not fit the language keeps the spec incomplete until it is fixed", () => {
  test("language changed in the form → tools.0.id named → the answer swaps the tool → generate succeeds", async () => {
    const { caller, projectId, rev } = await completePythonProject("form");
    const edited = await caller.consultation.updateSpec({ projectId, rev, edits: [{ path: "language", value: "typescript" }] });
    assert.ok(edited.completeness < 1, String(edited.completeness));
    assert.deepEqual(edited.missing, ["tools.0.id"]);
    assert.match(edited.missingLabels["tools.0.id"]!, /HTTP request \(strands_tools\) has no TypeScript implementation in the registry; HTTP request \(SDK vended\)/);
    // Generate is refused up front, naming the tool and why; nothing is queued.
    await assert.rejects(caller.generation.generate({ projectId }), (e: unknown) => (e as TRPCError).code === "BAD_REQUEST" && /HTTP request \(strands_tools\) has no TypeScript implementation/.test((e as Error).message));
    assert.deepEqual(await caller.modification.list({ projectId }), []);

    const answer = await say(caller, projectId, edited.rev, "Yes, use HTTP request (SDK vended) instead.");
    assert.deepEqual(answer.state.draft.tools?.map((t) => t.id), ["http_request_vended"]);
    assert.equal(answer.state.completeness, 1, answer.state.missing.join());
    assert.match(answer.reply, /I swapped it for HTTP request \(SDK vended\)/);

    await caller.generation.generate({ projectId });
    await platform.jobs.drain(120_000);
    const [version] = await caller.generation.listVersions({ projectId });
    assert.ok(version, "a version was generated");
    const full = await caller.generation.get({ projectId, versionId: version.id });
    const spec = JSON.parse(String(full.files.find((f) => f.path === "agent-spec.json")!.content)) as { language: string; tools: { id: string }[] };
    assert.equal(spec.language, "typescript");
    assert.deepEqual(spec.tools.map((t) => t.id), ["http_request_vended"]);
  });

  test("tools picked in the Tools tab, then 'in TypeScript': the PM points at the alternative; the Tools tab refuses the misfit and saves the fix", async () => {
    const { caller, projectId, rev } = await completePythonProject("tab");
    await caller.selection.setTools({ projectId, tools: [{ id: "http_request" }] });
    const current = (await caller.consultation.get({ projectId })).state.rev;
    const turn = await say(caller, projectId, current, "Please write the agent in TypeScript.");
    assert.equal(turn.state.draft.language, "typescript");
    assert.deepEqual(turn.state.draft.tools?.map((t) => t.id), ["http_request"], "the user's own pick is not swapped behind their back");
    assert.ok(turn.state.completeness < 1);
    assert.deepEqual(turn.state.missing, ["tools.0.id"]);
    assert.match(turn.reply, /Shall I use HTTP request \(SDK vended\) instead\?.*Tools tab/s);
    assert.doesNotMatch(turn.reply, /The spec is complete/);
    assert.ok(rev < current);

    await assert.rejects(
      caller.selection.setTools({ projectId, tools: [{ id: "http_request" }] }),
      (e: unknown) => (e as TRPCError).code === "BAD_REQUEST" && /tools\.0\.id: HTTP request \(strands_tools\) has no TypeScript implementation.*use HTTP request \(SDK vended\) \(http_request_vended\)/.test((e as Error).message),
    );
    await caller.selection.setTools({ projectId, tools: [{ id: "http_request_vended" }] });
    const fixed = await caller.consultation.get({ projectId });
    assert.equal(fixed.state.completeness, 1, fixed.state.missing.join());
  });
});
