import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { encode } from "next-auth/jwt";
import { authenticate } from "../../server/auth/authenticate";
import { bumpSessionVersion } from "../../server/auth/session-version";
import type { LocalPlatform } from "../../server/platform/local";
import { createUser, startTestPlatform } from "../helpers/platform";

let platform: LocalPlatform;
before(async () => (platform = await startTestPlatform()));
after(async () => platform.close());

/** Counts the statements naming `users` that reach PGlite while `work` runs. */
async function usersStatements(work: () => Promise<unknown>): Promise<number> {
  const pg = platform.pglite;
  const query = pg.query;
  let n = 0;
  pg.query = ((sql: string, ...rest: unknown[]) => {
    if (/\busers\b/i.test(sql)) n++;
    return (query as (...a: unknown[]) => Promise<unknown>).call(pg, sql, ...rest);
  }) as typeof pg.query;
  try {
    await work();
  } finally {
    pg.query = query;
  }
  return n;
}

async function sessionHeaders(sv: number) {
  const { user } = await createUser(platform);
  const session = await encode({ token: { sub: user.id, sv }, secret: process.env.NEXTAUTH_SECRET! });
  return { user, headers: new Headers({ cookie: `next-auth.session-token=${session}` }) };
}

describe("session versions read once per users write (local mode)", () => {
  test("a repeated cookie call reads no session version; sign-out is refused on the very next call", async () => {
    const { user, headers } = await sessionHeaders(0);
    const clock = platform.usersClock;
    assert.ok(clock, "the local platform has a clock on users writes");
    assert.equal(await usersStatements(() => authenticate(platform.db, headers, clock)), 1);
    let answer: unknown;
    assert.equal(await usersStatements(async () => (answer = await authenticate(platform.db, headers, clock))), 0, "answered from memory");
    assert.deepEqual(answer, { userId: user.id, via: "session" });
    await bumpSessionVersion(platform.db, user.id); // what sign-out does
    assert.equal(await authenticate(platform.db, headers, clock), null);
  });

  test("another user's write to users retires the entry too; a deleted user is refused", async () => {
    const { user, headers } = await sessionHeaders(0);
    const clock = platform.usersClock;
    await authenticate(platform.db, headers, clock);
    await createUser(platform); // any users write
    assert.equal(await usersStatements(() => authenticate(platform.db, headers, clock)), 1, "read again after a users write");
    await platform.pglite.query("delete from users where id = $1", [user.id]);
    assert.equal(await authenticate(platform.db, headers, clock), null);
  });

  test("a users write moves both the users and projects clocks, a projects write only its own", async () => {
    const users = platform.usersClock!;
    const projects = platform.projectsClock!;
    const { caller } = await createUser(platform);
    const [u, p] = [users.now(), projects.now()];
    await caller.project.create({ name: "Clocks" });
    assert.equal(users.now(), u, "a projects write leaves the users clock");
    assert.ok(projects.now() > p);
    const [u2, p2] = [users.now(), projects.now()];
    await createUser(platform);
    assert.ok(users.now() > u2 && projects.now() > p2, "a users write (a delete would cascade to projects) moves both");
  });

  test("without a clock (aws mode) every call reads the version", async () => {
    const { headers } = await sessionHeaders(0);
    await authenticate(platform.db, headers);
    assert.equal(await usersStatements(() => authenticate(platform.db, headers)), 1);
  });
});
