import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { TRPCError } from "@trpc/server";
import type { LocalPlatform } from "../../server/platform/local";
import { anonymousCaller, createUser, startTestPlatform } from "../helpers/platform";

let platform: LocalPlatform;
before(async () => (platform = await startTestPlatform()));
after(() => platform.close());

const code = (e: unknown) => (e as TRPCError).code;

describe("project router", () => {
  test("create, list, get, rename, delete", async () => {
    const { caller } = await createUser(platform);
    const created = await caller.project.create({ name: "  Support bot  " });
    assert.match(created.id, /^prj_[0-9a-z]{26}$/);
    assert.equal(created.name, "Support bot");
    const second = await caller.project.create({ name: "Research agent", description: "finds papers" });

    const listed = await caller.project.list();
    assert.deepEqual(listed.map((p) => p.id).sort(), [created.id, second.id].sort());

    const renamed = await caller.project.rename({ id: created.id, name: "Helpdesk bot" });
    assert.equal(renamed.name, "Helpdesk bot");
    assert.equal((await caller.project.get({ id: created.id })).name, "Helpdesk bot");
    assert.equal((await caller.project.list())[0]!.id, created.id, "the renamed project sorts first");

    await caller.project.delete({ id: created.id });
    await assert.rejects(caller.project.get({ id: created.id }), (e) => code(e) === "NOT_FOUND");
    assert.deepEqual((await caller.project.list()).map((p) => p.id), [second.id]);
  });

  test("another user's project answers NOT_FOUND for every procedure", async () => {
    const alice = await createUser(platform, "alice");
    const bob = await createUser(platform, "bob");
    const project = await alice.caller.project.create({ name: "Alice's agent" });

    await assert.rejects(bob.caller.project.get({ id: project.id }), (e) => code(e) === "NOT_FOUND");
    await assert.rejects(bob.caller.project.rename({ id: project.id, name: "mine" }), (e) => code(e) === "NOT_FOUND");
    await assert.rejects(bob.caller.project.delete({ id: project.id }), (e) => code(e) === "NOT_FOUND");
    assert.deepEqual(await bob.caller.project.list(), []);
    assert.equal((await alice.caller.project.get({ id: project.id })).name, "Alice's agent", "nothing changed");
  });

  test("bad input is BAD_REQUEST naming the field, and nothing is written", async () => {
    const { caller } = await createUser(platform);
    await assert.rejects(caller.project.create({ name: "   " }), (e) => code(e) === "BAD_REQUEST" && /name/.test((e as Error).message));
    await assert.rejects(caller.project.create({ name: "x".repeat(101) }), (e) => code(e) === "BAD_REQUEST" && /name/.test((e as Error).message));
    await assert.rejects(caller.project.get({ id: "not-an-id" }), (e) => code(e) === "BAD_REQUEST" && /id/.test((e as Error).message));
    assert.deepEqual(await caller.project.list(), []);
  });

  test("unauthenticated callers are refused", async () => {
    await assert.rejects(anonymousCaller(platform).project.list(), (e) => code(e) === "UNAUTHORIZED");
    await assert.rejects(anonymousCaller(platform).project.create({ name: "x" }), (e) => code(e) === "UNAUTHORIZED");
  });
});
