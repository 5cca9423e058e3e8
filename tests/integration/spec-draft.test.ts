import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import fc from "fast-check";
import { getContext } from "../../server/dynamo/context-repo";
import { assessCompleteness } from "../../server/consultation/rules/completeness";
import type { SpecDraft } from "../../server/consultation/rules/draft";
import type { LocalPlatform } from "../../server/platform/local";
import { loadRegistry } from "../../server/composition/services";
import { clipToSentences, deriveCompleteness, mergePatch, patchChange, readDraft, updateDraft } from "../../server/spec/draft";
import { createUser, startTestPlatform } from "../helpers/platform";

let platform: LocalPlatform;
before(async () => (platform = await startTestPlatform()));
after(() => platform.close());

const tools = loadRegistry().tools;
const deps = () => ({ dynamo: platform.dynamo, tools });

async function newProject(tag = "draft") {
  const { caller, user } = await createUser(platform, tag);
  const project = await caller.project.create({ name: `Draft ${tag}` });
  return { ownerId: user.id, projectId: project.id };
}

const isConflict = (e: unknown) => (e as { code?: string }).code === "conflict";

describe("spec draft: one conditional write", () => {
  test("concurrent patches at the same revision: exactly one wins, the others are CONFLICT and write nothing", async () => {
    const { ownerId, projectId } = await newProject();
    const { rev } = await readDraft(platform.dynamo, projectId, ownerId);
    let effects = 0;
    const writers = Array.from({ length: 5 }, (_, i) =>
      updateDraft(deps(), { projectId, ownerId, rev }, patchChange({ name: `writer-${i}` }), { afterCommit: async () => void effects++ }),
    );
    const results = await Promise.allSettled(writers);
    const won = results.flatMap((r, i) => (r.status === "fulfilled" ? [i] : []));
    assert.equal(won.length, 1, "exactly one write wins");
    assert.ok(results.every((r) => r.status === "fulfilled" || isConflict(r.reason)), "the others are CONFLICT");
    assert.equal(effects, 1, "after-commit effects run for the committed write only");
    const stored = await readDraft(platform.dynamo, projectId, ownerId);
    assert.equal(stored.draft.name, `writer-${won[0]}`);
    assert.equal(stored.rev, rev + 1, "one revision, one write");
  });

  test("a write without a revision is retried once on a concurrent write", async () => {
    const { ownerId, projectId } = await newProject();
    let calls = 0;
    const saved = await updateDraft(deps(), { projectId, ownerId }, async (current) => {
      calls++;
      if (calls === 1) await updateDraft(deps(), { projectId, ownerId }, patchChange({ language: "typescript" }));
      return patchChange({ name: "mine" })(current);
    });
    assert.equal(calls, 2);
    assert.equal(saved.draft.name, "mine");
    assert.equal(saved.draft.language, "typescript", "the other write is kept");
  });
});

/** Patches the writers make: consultation fields, Models and Tools choices, cost suggestions. */
const patchArb = fc.oneof(
  fc.record({ name: fc.constantFrom("support-agent", "tutor-agent") }),
  fc.record({ description: fc.constantFrom("Answers support questions. It is polite.", "Helps students with maths.") }),
  fc.record({ requirements: fc.record({ useCase: fc.constantFrom("Customer support", "Tutoring") }) }),
  fc.record({ requirements: fc.record({ requestsPerDay: fc.integer({ min: 1, max: 5000 }) }) }),
  fc.record({ model: fc.record({ id: fc.constantFrom("amazon.nova-micro-v1:0", "amazon.nova-pro-v1:0") }) }),
  fc.record({ model: fc.record({ maxTokens: fc.constantFrom(1024, 4096) }) }),
  fc.record({ deployment: fc.record({ target: fc.constantFrom("agentcore", "lambda") }) }),
  fc.record({ tools: fc.constantFrom([], [{ id: "retrieve", config: {} }], [{ id: "bedrock_knowledge_base", config: {} }], [{ id: "bedrock_knowledge_base", config: { knowledge_base_id: "KB12345678" } }]) }),
  fc.record({ systemPrompt: fc.constantFrom("You help.", "You are precise.") }),
);

describe("spec draft: derived fields", () => {
  test("completeness and missing fields are derived from the stored draft after any sequence of writes, never stored", async () => {
    const { ownerId, projectId } = await newProject("prop");
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(patchArb, { minLength: 1, maxLength: 5 }), async (patches) => {
        // Each run starts from an empty draft.
        await updateDraft(deps(), { projectId, ownerId }, () => ({ draft: {} }));
        let expected: Record<string, unknown> = {};
        for (const patch of patches) {
          await updateDraft(deps(), { projectId, ownerId }, patchChange(patch));
          expected = mergePatch(expected, patch);
          const state = await readDraft(platform.dynamo, projectId, ownerId);
          const raw = (await platform.dynamo.entities.projectContext.get({ projectId }).go()).data as Record<string, unknown>;
          assert.equal(raw.completeness, undefined, "completeness is not stored");
          assert.equal(raw.missing, undefined, "missing fields are not stored");
          const stored = await getContext(platform.dynamo, projectId);
          const fresh = assessCompleteness({ ...(stored!.draft as SpecDraft), lockedPaths: stored!.lockedPaths }, tools);
          assert.deepEqual(deriveCompleteness(state, tools), fresh);
          // Every field but the composed system prompt is exactly what the writers patched in.
          const { systemPrompt: _a, lockedPaths: _l, skippedPaths: _s, ...got } = state.draft;
          const { systemPrompt: _b, ...want } = JSON.parse(JSON.stringify(expected)) as Record<string, unknown>;
          assert.deepEqual(got, want);
        }
        runs++;
      }),
      { numRuns: 15 },
    );
    assert.equal(runs, 15);
  });
});

describe("spec draft: the composed system prompt", () => {
  test("a tool added in the Tools tab reaches the prompt; a prompt the user locked is kept", async () => {
    const { ownerId, projectId } = await newProject("prompt");
    const base = { description: "Answers support questions from our handbook.", requirements: { useCase: "Customer support" } };
    await updateDraft(deps(), { projectId, ownerId }, () => ({ draft: base }));
    const before = (await readDraft(platform.dynamo, projectId, ownerId)).draft.systemPrompt ?? "";
    assert.match(before, /handbook/);
    const kb = tools.find((t) => t.id === "bedrock_knowledge_base")!;
    assert.ok(!before.includes(kb.name));
    const added = await updateDraft(deps(), { projectId, ownerId }, (c) => ({ draft: { ...c.draft, tools: [{ id: kb.id, config: {} }] } }));
    assert.ok(added.draft.systemPrompt!.includes(kb.name), "the added tool is in the prompt");

    await updateDraft(deps(), { projectId, ownerId }, patchChange({ systemPrompt: "My own prompt." }));
    const locked = await updateDraft(deps(), { projectId, ownerId }, (c) => ({ draft: { ...c.draft, tools: [] } }));
    assert.equal(locked.draft.systemPrompt, "My own prompt.", "a locked prompt is never recomposed");
  });

  test("limits cut at sentence boundaries, never mid-sentence", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("Short one.", "A longer sentence with words, commas and more words.", "Security warning upstream: prefer fixed, trusted sources!"), { minLength: 1, maxLength: 8 }), fc.integer({ min: 20, max: 200 }), (sentences, max) => {
        const text = sentences.join(" ");
        const clipped = clipToSentences(text, max);
        assert.match(clipped, /[.!?]$/, "ends a sentence");
        if (text.length <= max) assert.equal(clipped, text);
        else if (clipped.length <= max && text.startsWith(clipped)) assert.ok(/[.!?]$/.test(clipped));
        assert.ok(clipped.length <= Math.max(max, 1) || !text.startsWith(clipped));
      }),
    );
  });
});
