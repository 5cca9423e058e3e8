import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { eq } from "drizzle-orm";
import { users } from "../../server/db/schema";
import { servePglite, remotePgliteDb } from "../../server/platform/ipc-pglite";
import { ipcChannel as channel } from "../helpers/ipc-channel";
import type { LocalPlatform } from "../../server/platform/local";
import { touchProject } from "../../server/projects/service";
import { createUser, startTestPlatform } from "../helpers/platform";

let platform: LocalPlatform;
before(async () => (platform = await startTestPlatform()));
after(() => platform.close());


/** Counts the statements PGlite runs while `run` runs. */
async function queriesDuring(run: () => Promise<unknown>): Promise<number> {
  const pg = platform.pglite;
  const query = pg.query;
  let n = 0;
  pg.query = ((...args: Parameters<typeof query>) => (n++, query(...args))) as typeof query;
  try {
    await run();
  } finally {
    pg.query = query;
  }
  return n;
}

describe("project.list answers from memory and is exact on the very next call", () => {
  test("a repeated list runs no query; create, rename and delete show on the next list", async () => {
    const { caller } = await createUser(platform);
    const first = await caller.project.create({ name: "First" });
    await caller.project.list();
    assert.equal(await queriesDuring(() => caller.project.list()), 0, "nothing was written: answered from memory");

    const second = await caller.project.create({ name: "Second" });
    assert.deepEqual((await caller.project.list()).map((p) => p.id), [second.id, first.id]);
    await caller.project.rename({ id: first.id, name: "First, renamed" });
    const renamed = await caller.project.list();
    assert.deepEqual(renamed.map((p) => [p.id, p.name]), [[first.id, "First, renamed"], [second.id, "Second"]]);
    await caller.project.delete({ id: first.id });
    assert.deepEqual((await caller.project.list()).map((p) => p.id), [second.id]);
  });

  test("a write from the worker process (over IPC, as a modification's version touches its project) shows on the next list", async () => {
    const { caller } = await createUser(platform);
    const older = await caller.project.create({ name: "Older" });
    const newer = await caller.project.create({ name: "Newer" });
    assert.deepEqual((await caller.project.list()).map((p) => p.id), [newer.id, older.id]);

    const [webSide, workerSide] = channel();
    const stop = servePglite(webSide, platform.pglite);
    try {
      const worker = remotePgliteDb(workerSide);
      await touchProject(worker.db, older.id);
    } finally {
      stop();
    }
    assert.deepEqual((await caller.project.list()).map((p) => p.id), [older.id, newer.id], "the touched project sorts first");
  });

  test("a list that overlaps a write is not kept: the next list sees the write", async () => {
    const { caller } = await createUser(platform);
    const project = await caller.project.create({ name: "Before" });
    const during = caller.project.list();
    const rename = caller.project.rename({ id: project.id, name: "After" });
    await Promise.all([during, rename]);
    assert.equal((await caller.project.list())[0]!.name, "After");
  });

  test("deleting the owner (a cascade, no statement names projects) empties the next list", async () => {
    const { user, caller } = await createUser(platform);
    await caller.project.create({ name: "Cascaded" });
    assert.equal((await caller.project.list()).length, 1);
    await platform.db.delete(users).where(eq(users.id, user.id));
    assert.deepEqual(await caller.project.list(), []);
  });

  test("the answer cannot be changed by a caller mutating it", async () => {
    const { caller } = await createUser(platform);
    await caller.project.create({ name: "Kept" });
    const listed = await caller.project.list();
    assert.throws(() => ((listed[0] as { name: string }).name = "changed"));
    assert.throws(() => (listed as unknown as unknown[]).pop());
    assert.equal((await caller.project.list())[0]!.name, "Kept");
  });
});
