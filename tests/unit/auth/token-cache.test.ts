import assert from "node:assert/strict";
import { test } from "node:test";
import { cachedTokenOwner, forgetCachedTokens } from "../../../server/auth/token-cache";

const token = () => `ab_${Math.random().toString(36).slice(2)}`;

test("a live token is looked up once, then answered from the cache until a revocation clears it", async () => {
  const t = token();
  let lookups = 0;
  const resolve = async () => (lookups++, "usr_1");
  assert.equal(await cachedTokenOwner(t, resolve), "usr_1");
  assert.equal(await cachedTokenOwner(t, resolve), "usr_1");
  assert.equal(lookups, 1);
  forgetCachedTokens();
  assert.equal(await cachedTokenOwner(t, async () => null), null, "after a revocation the next call asks the database");
});

test("bad tokens are never cached", async () => {
  const t = token();
  let lookups = 0;
  const resolve = async () => (lookups++, null);
  await cachedTokenOwner(t, resolve);
  await cachedTokenOwner(t, resolve);
  assert.equal(lookups, 2);
});

test("a lookup that raced a revocation answers but is not cached", async () => {
  const t = token();
  let release!: () => void;
  const slow = cachedTokenOwner(t, () => new Promise((r) => (release = () => r("usr_2"))));
  forgetCachedTokens(); // revoked while the lookup was in flight
  release();
  assert.equal(await slow, "usr_2");
  assert.equal(await cachedTokenOwner(t, async () => null), null, "the stale answer was not kept");
});
