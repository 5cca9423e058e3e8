import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { createCaller } from "../../server/api/root";
import { createContextInner } from "../../server/api/trpc";
import { signUp } from "../../server/auth/users";
import { appendEvent, listEventsAfter } from "../../server/dynamo/event-repo";
import { createLocalPlatform } from "../../server/platform/local";

test("users, projects, events and blobs survive a restart of the local platform", async () => {
  process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret";
  const dataDir = mkdtempSync(path.join(tmpdir(), "persist-"));
  try {
    const first = await createLocalPlatform({ dataDir });
    const user = await signUp(first.db, { email: "restart@test.local", password: "long enough pw" });
    const project = await createCaller(createContextInner(first, user.id)).project.create({ name: "Survives restarts" });
    await appendEvent(first.dynamo, project.id, "project.created", { name: project.name });
    await first.blobs.put("sets/abc", new Uint8Array([1, 2, 3]), "application/octet-stream");
    await first.close();

    const second = await createLocalPlatform({ dataDir });
    try {
      const listed = await createCaller(createContextInner(second, user.id)).project.list();
      assert.deepEqual(listed.map((p) => p.name), ["Survives restarts"]);
      const events = await listEventsAfter(second.dynamo, project.id, 0);
      assert.deepEqual(events.map((e) => [e.seq, e.type]), [[1, "project.created"]]);
      assert.equal((await appendEvent(second.dynamo, project.id, "next", null)).seq, 2, "the sequence continues after a restart");
      assert.deepEqual(await second.blobs.get("sets/abc"), new Uint8Array([1, 2, 3]));
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
