import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ensureContext, saveContext } from "../../server/dynamo/context-repo";
import { appendEvent, listEventsAfter } from "../../server/dynamo/event-repo";
import { listProjectFiles, putProjectFiles } from "../../server/dynamo/file-repo";
import { createModification, getModification, listModifications, listModificationsByStatus, updateModification } from "../../server/dynamo/modification-repo";
import { createTemplate, deleteTemplate, listTemplateFiles, listTemplates } from "../../server/dynamo/template-repo";
import { createId } from "../../server/ids";
import type { LocalPlatform } from "../../server/platform/local";
import { startTestPlatform } from "../helpers/platform";

let platform: LocalPlatform;
before(async () => (platform = await startTestPlatform()));
after(() => platform.close());

describe("DynamoDB repositories on dynalite", () => {
  test("events get contiguous per-project sequence numbers under concurrency; replay after a seq", async () => {
    const projectId = createId("project");
    const other = createId("project");
    await Promise.all(Array.from({ length: 30 }, (_, i) => appendEvent(platform.dynamo, projectId, "tick", { i })));
    await appendEvent(platform.dynamo, other, "tick", null);
    const all = await listEventsAfter(platform.dynamo, projectId, 0);
    assert.deepEqual(all.map((e) => e.seq), Array.from({ length: 30 }, (_, i) => i + 1));
    assert.deepEqual((await listEventsAfter(platform.dynamo, projectId, 27)).map((e) => e.seq), [28, 29, 30]);
    assert.equal((await listEventsAfter(platform.dynamo, other, 0)).length, 1);
  });

  test("context writes are optimistic: a stale revision is CONFLICT and nothing is lost", async () => {
    const projectId = createId("project");
    const ctx = await ensureContext(platform.dynamo, projectId, "usr_x");
    assert.equal(ctx.phase, "requirements");
    const saved = await saveContext(platform.dynamo, projectId, ctx.rev, { draft: { name: "tab-one" } });
    assert.equal(saved.rev, ctx.rev + 1);
    await assert.rejects(saveContext(platform.dynamo, projectId, ctx.rev, { draft: { name: "tab-two" } }), (e: Error & { code?: string }) => e.code === "conflict");
    assert.deepEqual((await ensureContext(platform.dynamo, projectId, "usr_x")).draft, { name: "tab-one" });
  });

  test("modifications: newest first per project, by id, by status, conditional updates", async () => {
    const projectId = createId("project");
    const ids: string[] = [];
    for (const request of ["add web search", "use a cheaper model", "deploy on lambda"]) {
      const m = await createModification(platform.dynamo, { modificationId: createId("modification"), projectId, ownerId: "usr_x", request, status: "queued" });
      ids.push(m.modificationId);
    }
    assert.deepEqual((await listModifications(platform.dynamo, projectId)).map((m) => m.modificationId), [...ids].reverse());
    const first = (await getModification(platform.dynamo, ids[0]!))!;
    const planning = await updateModification(platform.dynamo, first, { status: "planning", attempts: 1 });
    assert.equal(planning.status, "planning");
    await assert.rejects(updateModification(platform.dynamo, first, { status: "failed" }), (e: Error & { code?: string }) => e.code === "conflict");
    const inPlanning = await listModificationsByStatus(platform.dynamo, "planning");
    assert.ok(inPlanning.some((m) => m.modificationId === ids[0]));
  });

  test("templates by owner and category, with their files; files of a project version", async () => {
    const owner = createId("user");
    await createTemplate(platform.dynamo, { templateId: createId("template"), ownerId: owner, name: "B", category: "support", description: "", spec: {} });
    const t = await createTemplate(platform.dynamo, { templateId: createId("template"), ownerId: owner, name: "A", category: "research", description: "", spec: { a: 1 } }, [{ path: "README.md.liquid", content: "# {{ name }}" }]);
    assert.deepEqual((await listTemplates(platform.dynamo, owner)).map((x) => x.category), ["research", "support"]);
    assert.deepEqual((await listTemplates(platform.dynamo, owner, "support")).map((x) => x.name), ["B"]);
    assert.deepEqual(await listTemplateFiles(platform.dynamo, t.templateId), [{ path: "README.md.liquid", content: "# {{ name }}" }]);
    await deleteTemplate(platform.dynamo, t.templateId);
    assert.deepEqual(await listTemplateFiles(platform.dynamo, t.templateId), []);

    const projectId = createId("project");
    const files = Array.from({ length: 40 }, (_, i) => ({ projectId, versionId: "ver_1", path: `src/f${String(i).padStart(2, "0")}.ts`, content: `export const n = ${i};`, encoding: "utf8" as const, sha256: "x", size: 20 }));
    await putProjectFiles(platform.dynamo, files);
    await putProjectFiles(platform.dynamo, [{ ...files[0]!, versionId: "ver_2" }]);
    const listed = await listProjectFiles(platform.dynamo, projectId, "ver_1");
    assert.equal(listed.length, 40);
    assert.equal(listed[0]!.path, "src/f00.ts");
  });
});
