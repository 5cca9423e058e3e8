import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { isUniqueViolation } from "../../server/db/errors";
import { projects, users } from "../../server/db/schema";
import { openPgliteThread } from "../../server/platform/pglite-thread-client";
import { watchWrites } from "../../server/platform/pglite-write-clock";

/**
 * The launcher's Postgres on a worker thread (server/platform/pglite-thread.ts): drizzle gets
 * the same values as in-process (dates as Date), transactions commit and roll back across the
 * thread, Postgres errors keep their SQLSTATE, and the write clock still sees every write.
 */
let pg: Awaited<ReturnType<typeof openPgliteThread>>;
before(async () => {
  pg = await openPgliteThread(undefined);
});
after(async () => {
  await pg.close();
});

test("drizzle reads and writes through the thread, with dates mapped as in-process", async () => {
  const [user] = await pg.db.insert(users).values({ email: "thread@example.com" }).returning();
  assert.ok(user!.createdAt instanceof Date);
  const [read] = await pg.db.select().from(users).where(eq(users.id, user!.id));
  assert.equal(read!.email, "thread@example.com");
  assert.equal(read!.createdAt.getTime(), user!.createdAt.getTime());
});

test("a transaction commits as a whole, and a throw rolls it back", async () => {
  const [owner] = await pg.db.insert(users).values({ email: "tx@example.com" }).returning();
  await pg.db.transaction(async (tx) => {
    await tx.insert(projects).values({ id: "p-commit", ownerId: owner!.id, name: "kept" });
  });
  await assert.rejects(
    pg.db.transaction(async (tx) => {
      await tx.insert(projects).values({ id: "p-rollback", ownerId: owner!.id, name: "dropped" });
      throw new Error("changed my mind");
    }),
    /changed my mind/,
  );
  const rows = await pg.db.select({ id: projects.id }).from(projects).where(eq(projects.ownerId, owner!.id));
  assert.deepEqual(rows.map((r) => r.id), ["p-commit"]);
});

test("statements outside a transaction wait for it (PGlite's lock holds across the thread)", async () => {
  const [owner] = await pg.db.insert(users).values({ email: "lock@example.com" }).returning();
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const tx = pg.db.transaction(async (t) => {
    await t.insert(projects).values({ id: "p-lock", ownerId: owner!.id, name: "in tx" });
    await held;
  });
  await new Promise((r) => setTimeout(r, 50));
  let seen: number | null = null;
  const outside = pg.db.select({ id: projects.id }).from(projects).where(eq(projects.ownerId, owner!.id)).then((r) => (seen = r.length));
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(seen, null, "the read ran inside another caller's open transaction");
  release();
  await tx;
  await outside;
  assert.equal(seen, 1);
});

test("a unique violation keeps its SQLSTATE and constraint across the thread", async () => {
  await pg.db.insert(users).values({ email: "dup@example.com" });
  const e = await pg.db.insert(users).values({ email: "dup@example.com" }).then(() => null, (err: unknown) => err);
  assert.ok(isUniqueViolation(e, "users_email_unique"), `not recognised: ${String(e)}`);
});

test("the write clock wraps the thread's client like an in-process PGlite", async () => {
  const { users: clock } = watchWrites(pg.client, { users: (sql) => /\busers\b/i.test(sql) });
  const before = clock.now();
  await pg.db.select().from(users).limit(1);
  assert.equal(clock.now(), before, "a read moved the clock");
  await pg.db.update(users).set({ name: "x" }).where(eq(users.email, "thread@example.com"));
  assert.ok(clock.now() > before);
});

test("after the thread is gone, a statement fails instead of hanging", async () => {
  const other = await openPgliteThread(undefined);
  await other.close();
  // drizzle wraps the driver's error ("Failed query: …"); the cause says why.
  await assert.rejects(other.db.select().from(users).limit(1), (e: Error) => /channel closed|exited/i.test(String((e.cause as Error | undefined)?.message)));
});
