import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TRPCError } from "@trpc/server";
import { appRouter } from "../../server/api/root";
import { getAuthOptions } from "../../server/auth/options";
import { guardCredentialsSignIn } from "../../server/auth/sign-in-guard";
import { env } from "../../server/env";
import { getLimiters } from "../../server/limits/limiters";
import { PROCEDURE_CLASSES } from "../../server/limits/procedure-classes";
import type { LocalPlatform } from "../../server/platform/local";
import { createUser, startTestPlatform, uniqueEmail } from "../helpers/platform";
import { POST as trpcPost } from "../../app/api/trpc/[trpc]/route";

// A small quota keeps the concurrent-create test quick; env() is parsed on first use, after this.
process.env.PROJECTS_PER_USER ??= "5";

let platform: LocalPlatform;
before(async () => (platform = await startTestPlatform()));
after(() => platform.close());

const code = (e: unknown) => (e as TRPCError).code;
const procedurePaths = () => Object.keys((appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures).sort();
let ipCounter = 0;
const freshIp = () => `203.0.113.${++ipCounter}`;

/** One tRPC call over the real HTTP route handler, as a browser or curl would send it. */
async function httpCall(path: string, input: unknown, headers: Record<string, string> = {}) {
  const res = await trpcPost(
    new Request(`http://localhost/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ json: input }),
    }),
  );
  const body = (await res.json()) as { error?: { json: { message: string } } };
  return { status: res.status, retryAfter: res.headers.get("retry-after"), error: body.error?.json };
}

async function authorize(email: string, password: string, ip: string) {
  const options = await getAuthOptions();
  const provider = options.providers[0] as unknown as { options: { authorize(c: Record<string, string>, req: unknown): Promise<unknown> } };
  return provider.options.authorize({ email, password }, { headers: { "x-forwarded-for": ip } });
}

const signInRequest = (email: string, ip: string) =>
  new Request("http://localhost/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip },
    body: new URLSearchParams({ email, password: "guess", csrfToken: "x", json: "true" }),
  });

describe("meta: every procedure is covered", () => {
  test("every procedure of the router has a rate-limit class, and none is stale", () => {
    assert.deepEqual(procedurePaths(), Object.keys(PROCEDURE_CLASSES).sort());
  });

  test("every procedure refuses a NUL in any text field with 400 naming the field, before its own schema runs", async () => {
    const { caller } = await createUser(platform);
    for (const path of procedurePaths()) {
      const fn = path.split(".").reduce<any>((node, key) => node[key], caller);
      await assert.rejects(fn({ note: { deep: ["ok", "bad\u0000text"] } }), (e) => {
        assert.equal(code(e), "BAD_REQUEST", path);
        assert.match((e as Error).message, /^note\.deep\.1: must not contain NUL/, path);
        return true;
      });
    }
  });
});

describe("finding: a NUL byte in a text field gave a 500", () => {
  test("the eight reported fields answer 400 with the field named", async () => {
    const { caller } = await createUser(platform);
    const project = await caller.project.create({ name: "NUL probe" });
    const calls: [string, () => Promise<unknown>][] = [
      ["name", () => caller.auth.signUp({ email: uniqueEmail(), password: "long enough pw", name: "a\u0000b" })],
      ["name", () => caller.project.create({ name: "a\u0000b" })],
      ["description", () => caller.project.create({ name: "ok", description: "a\u0000b" })],
      ["name", () => caller.project.rename({ id: project.id, name: "a\u0000b" })],
      ["name", () => caller.token.create({ name: "a\u0000b" })],
      ["input", () => caller.testing.run({ projectId: project.id, versionId: "ver_" + "0".repeat(26), input: "a\u0000b" })],
      ["name", () => caller.testing.cases.create({ projectId: project.id, name: "a\u0000b", input: "hi", expectations: [] } as never)],
      ["input", () => caller.testing.cases.create({ projectId: project.id, name: "ok", input: "a\u0000b", expectations: [] } as never)],
    ];
    for (const [field, call] of calls) {
      await assert.rejects(call(), (e) => code(e) === "BAD_REQUEST" && new RegExp(`^${field}: must not contain NUL`).test((e as Error).message));
    }
    // A lone surrogate cannot be stored as UTF-8 either.
    await assert.rejects(caller.project.create({ name: "a\uD800b" }), (e) => code(e) === "BAD_REQUEST" && /^name:/.test((e as Error).message));
    assert.equal((await caller.project.list()).length, 1, "nothing was written");
  });
});

describe("finding: no limit on expensive calls, batch size or projects per user", () => {
  test("a user's expensive budget spent → 429 TOO_MANY_REQUESTS with a retry time; other users are unaffected", async () => {
    const alice = await createUser(platform);
    const bob = await createUser(platform);
    const project = await alice.caller.project.create({ name: "Budget" });
    await getLimiters(platform.db).expensive.penalty(alice.user.id, env().EXPENSIVE_CALLS_PER_USER_MIN);
    await assert.rejects(alice.caller.modification.request({ projectId: project.id, request: "add web search" }), (e) => {
      assert.equal(code(e), "TOO_MANY_REQUESTS");
      assert.match((e as Error).message, /Try again in \d+ s/);
      return true;
    });
    // Reads are a separate budget; another user's expensive budget is untouched.
    assert.equal((await alice.caller.project.list()).length, 1);
    const bobProject = await bob.caller.project.create({ name: "Other" });
    await assert.rejects(bob.caller.generation.generate({ projectId: bobProject.id }), (e) => code(e) === "BAD_REQUEST");
  });

  test("over HTTP a limited call is status 429 with Retry-After", async () => {
    const ip = freshIp();
    await getLimiters(platform.db).signUpPerIp.penalty(ip, env().SIGNUPS_PER_IP_HOUR);
    const res = await httpCall("auth.signUp", { email: uniqueEmail(), password: "long enough pw" }, { "x-forwarded-for": ip });
    assert.equal(res.status, 429);
    assert.ok(Number(res.retryAfter) > 0 && Number(res.retryAfter) <= 3600, `Retry-After ${res.retryAfter}`);
    assert.match(res.error!.message, /Too many sign-ups from this address\. Try again in \d+ s\./);
  });

  test("sign-ups are limited per IP: the budget's last one passes, the next is 429", async () => {
    const ip = freshIp();
    await getLimiters(platform.db).signUpPerIp.penalty(ip, env().SIGNUPS_PER_IP_HOUR - 1);
    assert.equal((await httpCall("auth.signUp", { email: uniqueEmail(), password: "long enough pw" }, { "x-forwarded-for": ip })).status, 200);
    assert.equal((await httpCall("auth.signUp", { email: uniqueEmail(), password: "long enough pw" }, { "x-forwarded-for": ip })).status, 429);
    assert.equal((await httpCall("auth.signUp", { email: uniqueEmail(), password: "long enough pw" }, { "x-forwarded-for": freshIp() })).status, 200);
  });

  test("a batch over MAX_BATCH_OPERATIONS is refused whole with 413 before any operation runs", async () => {
    const n = env().MAX_BATCH_OPERATIONS + 1;
    const paths = Array.from({ length: n }, () => "project.create").join(",");
    const body = Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: { name: `p${i}` } }]));
    const res = await trpcPost(new Request(`http://localhost/api/trpc/${paths}?batch=1`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));
    assert.equal(res.status, 413);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, new RegExp(`at most ${n - 1} operations`));
  });

  test("projects per user stop at the quota, also when created concurrently", async () => {
    const { caller } = await createUser(platform);
    const quota = env().PROJECTS_PER_USER;
    const results = await Promise.allSettled(Array.from({ length: quota + 5 }, (_, i) => caller.project.create({ name: `Q${i}` })));
    assert.equal(results.filter((r) => r.status === "fulfilled").length, quota);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    assert.equal(code(refused.reason), "FORBIDDEN");
    assert.match(refused.reason.message, /at most \d+ projects/);
    assert.equal((await caller.project.list()).length, quota);
  });
});

describe("finding: no limit on sign-in attempts", () => {
  test("wrong passwords lock the account with back-off and a 'try again in N s'; other accounts are unaffected", async () => {
    const { user } = await createUser(platform);
    const ip = freshIp();
    for (let i = 0; i < env().SIGNIN_FAILURES_PER_ACCOUNT; i++) {
      assert.equal(await guardCredentialsSignIn(signInRequest(user.email, ip)), null, `attempt ${i + 1} is let through`);
      assert.equal(await authorize(user.email, "wrong password", ip), null);
    }
    const locked = await guardCredentialsSignIn(signInRequest(user.email, freshIp()));
    assert.equal(locked?.status, 429, "locked for every IP");
    assert.equal(locked?.headers.get("retry-after"), "30");
    assert.match(((await locked!.json()) as { url: string }).url, /error=Too\+many\+failed\+sign-ins.*Try\+again\+in\+30\+s/);
    // The lockout lapses (simulated), and the next run of failures locks for twice as long.
    await getLimiters(platform.db).signInFailuresPerAccount.delete(user.email);
    for (let i = 0; i < env().SIGNIN_FAILURES_PER_ACCOUNT; i++) await authorize(user.email, "wrong password", ip);
    assert.equal((await guardCredentialsSignIn(signInRequest(user.email, ip)))?.headers.get("retry-after"), "60");
    const other = await createUser(platform);
    assert.equal(await guardCredentialsSignIn(signInRequest(other.user.email, freshIp())), null);
  });

  test("a correct password clears the account's failures", async () => {
    const { user } = await createUser(platform);
    const ip = freshIp();
    for (let i = 0; i < env().SIGNIN_FAILURES_PER_ACCOUNT - 1; i++) await authorize(user.email, "wrong password", ip);
    assert.ok(await authorize(user.email, "correct horse battery", ip));
    await authorize(user.email, "wrong password", ip);
    assert.equal(await guardCredentialsSignIn(signInRequest(user.email, ip)), null);
  });

  test("failures are limited per IP across accounts", async () => {
    const ip = freshIp();
    await getLimiters(platform.db).signInFailuresPerIp.penalty(ip, env().SIGNIN_FAILURES_PER_IP_HOUR);
    const res = await guardCredentialsSignIn(signInRequest(uniqueEmail("any"), ip));
    assert.equal(res?.status, 429);
    assert.ok(Number(res?.headers.get("retry-after")) > 0);
  });
});

