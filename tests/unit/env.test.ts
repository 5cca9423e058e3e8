import assert from "node:assert/strict";
import { test } from "node:test";
import { parseEnv } from "../../server/env";

test("local mode needs nothing and applies defaults", () => {
  const env = parseEnv({});
  assert.equal(env.APP_RUNTIME, "local");
  assert.equal(env.PORT, 3000);
  assert.equal(env.LLM_PROVIDER, "offline");
});

test("aws mode names every missing or bad variable", () => {
  assert.throws(() => parseEnv({ APP_RUNTIME: "aws" }), (e: Error) => /NEXTAUTH_SECRET/.test(e.message) && /NEXTAUTH_URL/.test(e.message) && /DATABASE_URL/.test(e.message));
  assert.throws(
    () => parseEnv({ APP_RUNTIME: "aws", NEXTAUTH_SECRET: "x".repeat(40), NEXTAUTH_URL: "https://app.example.com", DATABASE_URL: "mysql://nope" }),
    (e: Error) => /DATABASE_URL: must be a postgres/.test(e.message) && !/NEXTAUTH_URL/.test(e.message),
  );
  const ok = parseEnv({ APP_RUNTIME: "aws", NEXTAUTH_SECRET: "x".repeat(40), NEXTAUTH_URL: "https://app.example.com", DATABASE_URL: "postgres://u:p@h/db" });
  assert.equal(ok.APP_RUNTIME, "aws");
});

test("an unknown runtime or a bad port is refused by name", () => {
  assert.throws(() => parseEnv({ APP_RUNTIME: "gcp" }), /APP_RUNTIME/);
  assert.throws(() => parseEnv({ PORT: "99999" }), /PORT/);
});
