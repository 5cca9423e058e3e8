import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalPlatform } from "../../server/platform/local";
import { createUser, startTestPlatform } from "../helpers/platform";
import { setDraft, startWorkers } from "../helpers/pipeline";
import { PETSTORE } from "../helpers/petstore";

/** The apiTools router through the real caller: preview, add, generate with the tools, remove, and refusals. */


let platform: LocalPlatform;
before(async () => {
  platform = await startTestPlatform({ queue: { visibilityTimeoutMs: 30_000, retryDelayMs: 20, pollIntervalMs: 5 } });
  startWorkers(platform);
});
after(() => platform.close());

const code = (e: unknown) => (e as { code?: string }).code;

describe("apiTools router", () => {
  test("preview → add two operations → the generated version carries the tools → remove", async () => {
    const { caller, user } = await createUser(platform, "api");
    const project = await caller.project.create({ name: "With my API" });
    await setDraft(platform, project.id, user.id, { name: "pet-agent", description: "Pets", systemPrompt: "Help with pets.", language: "typescript", model: { id: "amazon.nova-pro-v1:0" }, deployment: { target: "agentcore" } });
    const preview = await caller.apiTools.preview({ projectId: project.id, document: PETSTORE });
    assert.equal(preview.operations.length, 4);
    const saved = await caller.apiTools.addFromDocument({ projectId: project.id, document: PETSTORE, name: "petstore", select: ["GET /pets", "GET /pets/{petId}"] });
    assert.deepEqual(saved[0]!.operations.map((o) => o.name), ["list_pets", "show_pet_by_id"]);
    assert.equal((await caller.apiTools.list({ projectId: project.id })).length, 1);

    await caller.generation.generate({ projectId: project.id });
    await platform.jobs.drain(120_000);
    const [version] = await caller.generation.listVersions({ projectId: project.id });
    assert.ok(version, "a version was generated");
    const full = await caller.generation.get({ projectId: project.id, versionId: version.id });
    const apiFile = full.files.find((f) => f.path === "src/api-tools.ts");
    assert.ok(apiFile, "src/api-tools.ts generated");
    assert.match(String(apiFile.content), /name: "show_pet_by_id"/);

    const left = await caller.apiTools.remove({ projectId: project.id, name: "petstore" });
    assert.deepEqual(left, []);
    await assert.rejects(caller.apiTools.remove({ projectId: project.id, name: "petstore" }), (e) => code(e) === "NOT_FOUND");
  });

  test("a described endpoint is added; bad input is refused naming the line, the auth list, or the duplicate", async () => {
    const { caller } = await createUser(platform, "api2");
    const project = await caller.project.create({ name: "Endpoint" });
    const saved = await caller.apiTools.addEndpoint({
      projectId: project.id,
      endpoint: { name: "orders", method: "GET", url: "https://api.example.com/orders/{id}", description: "Look up order status", auth: { kind: "bearer" } },
    });
    assert.equal(saved[0]!.operations[0]!.path, "/orders/{id}");
    await assert.rejects(caller.apiTools.preview({ projectId: project.id, document: "openapi: 3.0.0\npaths:\n  /a: [1,\n" }), (e: Error) => code(e) === "BAD_REQUEST" && /line \d+/.test(e.message));
    await assert.rejects(
      caller.apiTools.addEndpoint({ projectId: project.id, endpoint: { name: "x", method: "GET", url: "https://a.example.com/", description: "d", auth: { kind: "oauth2" } } }),
      (e: Error) => code(e) === "BAD_REQUEST" && /Supported: none/.test(e.message),
    );
    await assert.rejects(
      caller.apiTools.addEndpoint({ projectId: project.id, endpoint: { name: "orders2", toolName: "get_orders_by_id", method: "GET", url: "https://api.example.com/o/{id}", description: "dup" } }),
      (e: Error) => code(e) === "BAD_REQUEST" && /used twice/.test(e.message),
    );
    assert.equal((await caller.apiTools.list({ projectId: project.id })).length, 1, "nothing half-written");
  });

  test("another user's project is NOT_FOUND for every procedure", async () => {
    const owner = await createUser(platform, "owner");
    const other = await createUser(platform, "other");
    const project = await owner.caller.project.create({ name: "Mine" });
    const id = project.id;
    for (const call of [
      () => other.caller.apiTools.list({ projectId: id }),
      () => other.caller.apiTools.preview({ projectId: id, document: PETSTORE }),
      () => other.caller.apiTools.addFromDocument({ projectId: id, document: PETSTORE, select: ["GET /pets"] }),
      () => other.caller.apiTools.remove({ projectId: id, name: "petstore" }),
    ]) {
      await assert.rejects(call(), (e) => code(e) === "NOT_FOUND");
    }
  });
});
