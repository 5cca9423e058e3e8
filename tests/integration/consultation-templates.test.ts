import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TRPCError } from "@trpc/server";
import { BUILTIN_TEMPLATES } from "../../server/consultation/templates-builtin";
import { getContext } from "../../server/dynamo/context-repo";
import { listTemplateFiles } from "../../server/dynamo/template-repo";
import type { LocalPlatform } from "../../server/platform/local";
import { validateSpec } from "../../server/spec/agent-spec";
import { createUser, startTestPlatform } from "../helpers/platform";

let platform: LocalPlatform;
before(async () => {
  platform = await startTestPlatform();
});
after(() => platform.close());

const code = (e: unknown) => (e as TRPCError).code;
const rejectsWith = (p: Promise<unknown>, expected: string, message?: RegExp) =>
  assert.rejects(p, (e: unknown) => {
    assert.equal(code(e), expected, String(e));
    if (message) assert.match((e as Error).message, message);
    return true;
  });

const PROMPT = "You are the support agent of {{ company }}. Greet customers in {{ language }}.";

/** A project whose draft is a complete spec with a templated system prompt. */
async function projectWithPrompt(caller: Awaited<ReturnType<typeof createUser>>["caller"]) {
  const { projectId } = await caller.template.use({ templateId: "builtin-research", projectName: "Source project" });
  const { state } = await caller.consultation.get({ projectId });
  await caller.consultation.updateSpec({ projectId, rev: state.rev, edits: [{ path: "systemPrompt", value: PROMPT }] });
  return projectId;
}

describe("template gallery", () => {
  test("lists at least 8 valid built-ins by category, each a complete spec with registry ids", async () => {
    const { caller } = await createUser(platform, "gallery");
    const list = await caller.template.list();
    const builtins = list.filter((t) => t.source === "builtin");
    assert.ok(builtins.length >= 8, `${builtins.length} built-ins`);
    assert.deepEqual(list.map((t) => t.category), [...list.map((t) => t.category)].sort((a, b) => a.localeCompare(b)), "sorted by category");
    for (const t of BUILTIN_TEMPLATES) assert.ok(validateSpec(t.spec).ok, t.id);
    const research = await caller.template.get({ templateId: "builtin-research" });
    assert.deepEqual(research.toolIds, ["tavily"]);
    assert.equal(research.spec.name, "research-agent");
    assert.deepEqual(research.variables, []);
  });

  test("use: a new project whose draft is the template's spec, text locked, and the PM asking about the first gap", async () => {
    const { user, caller } = await createUser(platform, "use");
    const created = await caller.template.use({ templateId: "builtin-customer-support", projectName: "Support from template" });
    const project = await caller.project.get({ id: created.projectId });
    assert.equal(project.name, "Support from template");
    const got = await caller.consultation.get({ projectId: created.projectId });
    const builtin = BUILTIN_TEMPLATES.find((t) => t.id === "builtin-customer-support")!;
    assert.equal(got.state.draft.systemPrompt, builtin.spec.systemPrompt);
    assert.equal(got.state.draft.model?.id, builtin.spec.model.id);
    assert.deepEqual(got.state.lockedPaths, ["description", "name", "systemPrompt"]);
    assert.equal(got.state.missing[0], "tools.0.config.knowledge_base_id", "a template cannot know the Knowledge Base id");
    assert.equal(got.messages.length, 1);
    assert.match(got.messages[0]!.content, /starts from the template “Customer support with a knowledge base”/);
    assert.match(got.messages[0]!.content, /Knowledge Base/);
    assert.equal((await getContext(platform.dynamo, created.projectId))!.ownerId, user.id);
    await rejectsWith(caller.template.use({ templateId: "builtin-nope", projectName: "x" }), "NOT_FOUND");
    await rejectsWith(caller.template.use({ templateId: "builtin-research", projectName: "  " }), "BAD_REQUEST");
  });

  test("createFromProject, get with variables, use with rendered variables, delete", async () => {
    const { caller } = await createUser(platform, "mine");
    const source = await projectWithPrompt(caller);
    const saved = await caller.template.createFromProject({ projectId: source, name: "Our support bot", category: "Support", description: "House style" });
    assert.equal(saved.source, "mine");
    assert.match(saved.id, /^tpl_/);
    const list = await caller.template.list();
    assert.ok(list.some((t) => t.id === saved.id && t.category === "Support"));
    const detail = await caller.template.get({ templateId: saved.id });
    assert.deepEqual(detail.variables, ["company", "language"]);
    assert.equal(detail.spec.systemPrompt, PROMPT);
    assert.equal((detail.spec as Record<string, unknown>).lockedPaths, undefined, "bookkeeping stays out of the template");

    await rejectsWith(caller.template.use({ templateId: saved.id, projectName: "Missing vars", variables: { company: "Acme" } }), "BAD_REQUEST", /variables\.language: is required/);
    const used = await caller.template.use({ templateId: saved.id, projectName: "Acme support", variables: { company: "Acme <Corp> {{ x }}", language: "French" } });
    const got = await caller.consultation.get({ projectId: used.projectId });
    // Variable values are data: a value that looks like template syntax is not evaluated.
    assert.equal(got.state.draft.systemPrompt, "You are the support agent of Acme <Corp> {{ x }}. Greet customers in French.");
    assert.equal((await caller.project.list()).filter((p) => p.name === "Missing vars").length, 0, "a failed use leaves no project behind");

    await caller.template.delete({ templateId: saved.id });
    assert.ok(!(await caller.template.list()).some((t) => t.id === saved.id));
    assert.deepEqual(await listTemplateFiles(platform.dynamo, saved.id), []);
    await rejectsWith(caller.template.get({ templateId: saved.id }), "NOT_FOUND");
  });

  test("user templates are private; built-ins cannot be deleted; unsafe template text is refused on save", async () => {
    const { caller } = await createUser(platform, "author");
    const { caller: other } = await createUser(platform, "other");
    const source = await projectWithPrompt(caller);
    const saved = await caller.template.createFromProject({ projectId: source, name: "Private", category: "Support" });
    await rejectsWith(other.template.get({ templateId: saved.id }), "NOT_FOUND");
    await rejectsWith(other.template.use({ templateId: saved.id, projectName: "Stolen" }), "NOT_FOUND");
    await rejectsWith(other.template.delete({ templateId: saved.id }), "NOT_FOUND");
    assert.ok(!(await other.template.list()).some((t) => t.id === saved.id));
    await rejectsWith(caller.template.delete({ templateId: "builtin-research" }), "FORBIDDEN");

    for (const prompt of ["{% include 'secrets' %}", "Hello {{ unclosed"]) {
      const edited = await caller.consultation.get({ projectId: source });
      await caller.consultation.updateSpec({ projectId: source, rev: edited.state.rev, edits: [{ path: "systemPrompt", value: prompt }] });
      await rejectsWith(caller.template.createFromProject({ projectId: source, name: "Unsafe", category: "Support" }), "BAD_REQUEST", /systemPrompt: is not a valid template/);
    }
    const empty = await caller.project.create({ name: "Empty" });
    await rejectsWith(caller.template.createFromProject({ projectId: empty.id, name: "Nothing", category: "Support" }), "BAD_REQUEST", /Describe the agent/);
  });
});
