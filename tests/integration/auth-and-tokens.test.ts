import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TRPCError } from "@trpc/server";
import { createApiToken } from "../../server/auth/api-tokens";
import { authenticate } from "../../server/auth/authenticate";
import { verifyCredentials } from "../../server/auth/users";
import type { LocalPlatform } from "../../server/platform/local";
import { anonymousCaller, createUser, startTestPlatform, uniqueEmail } from "../helpers/platform";

let platform: LocalPlatform;
before(async () => (platform = await startTestPlatform()));
after(() => platform.close());

const code = (e: unknown) => (e as TRPCError).code;
const bearer = (token: string) => new Headers({ authorization: `Bearer ${token}` });

describe("sign-up and credentials", () => {
  test("sign up, then verify the password; the email is case-insensitive", async () => {
    const email = uniqueEmail("Case");
    const user = await anonymousCaller(platform).auth.signUp({ email, password: "long enough pw" });
    assert.equal(user.email, email.toLowerCase());
    assert.equal((await verifyCredentials(platform.db, email.toUpperCase(), "long enough pw"))?.id, user.id);
    assert.equal(await verifyCredentials(platform.db, email, "wrong password"), null);
    assert.equal(await verifyCredentials(platform.db, uniqueEmail("nobody"), "long enough pw"), null);
  });

  test("a duplicate email is CONFLICT with a clear message", async () => {
    const email = uniqueEmail();
    await anonymousCaller(platform).auth.signUp({ email, password: "long enough pw" });
    await assert.rejects(anonymousCaller(platform).auth.signUp({ email, password: "another password" }), (e) => code(e) === "CONFLICT" && /already exists/.test((e as Error).message));
  });

  test("short passwords and bad emails are BAD_REQUEST naming the field", async () => {
    await assert.rejects(anonymousCaller(platform).auth.signUp({ email: uniqueEmail(), password: "short" }), (e) => code(e) === "BAD_REQUEST" && /password/.test((e as Error).message));
    await assert.rejects(anonymousCaller(platform).auth.signUp({ email: "not-an-email", password: "long enough pw" }), (e) => code(e) === "BAD_REQUEST" && /email/.test((e as Error).message));
  });
});

describe("API tokens", () => {
  test("create (shown once), authenticate, list, revoke", async () => {
    const { user, caller } = await createUser(platform);
    const created = await caller.token.create({ name: "CI" });
    assert.match(created.token, /^ab_[A-Za-z0-9_-]{43}$/);

    assert.deepEqual(await authenticate(platform.db, bearer(created.token)), { userId: user.id, via: "token" });
    const [listed] = await caller.token.list();
    assert.equal(listed!.name, "CI");
    assert.ok(!JSON.stringify(listed).includes(created.token), "the list never returns the token");

    await caller.token.revoke({ id: created.id });
    assert.equal(await authenticate(platform.db, bearer(created.token)), "bad-token");
    assert.ok((await caller.token.list())[0]!.revokedAt);
  });

  test("unknown and malformed tokens are refused; another user's token id is NOT_FOUND", async () => {
    assert.equal(await authenticate(platform.db, bearer("ab_" + "x".repeat(43))), "bad-token");
    assert.equal(await authenticate(platform.db, new Headers({ authorization: "Basic abc" })), "bad-token");
    assert.equal(await authenticate(platform.db, new Headers()), null);
    const alice = await createUser(platform);
    const bob = await createUser(platform);
    const token = await alice.caller.token.create({ name: "alice" });
    await assert.rejects(bob.caller.token.revoke({ id: token.id }), (e) => code(e) === "NOT_FOUND");
    assert.equal((await authenticate(platform.db, bearer(token.token)) as { userId: string }).userId, alice.user.id);
  });

  test("a token cannot mint more tokens (a leaked one must not outlive its revocation)", async () => {
    const { user } = await createUser(platform);
    const { token } = await createApiToken(platform.db, user.id, { name: "ci" });
    const { createCaller } = await import("../../server/api/root");
    const { servicesFor } = await import("../../server/composition/root");
    const viaToken = createCaller({ platform, services: servicesFor(platform), userId: user.id, auth: "token", ip: null, headers: new Headers({ authorization: `Bearer ${token}` }) });
    await assert.rejects(viaToken.token.create({ name: "more" }), (e) => code(e) === "FORBIDDEN");
    assert.equal((await viaToken.token.list()).length, 1);
  });
});
