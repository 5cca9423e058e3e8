import assert from "node:assert/strict";
import { test } from "node:test";
import { clockCache } from "../../../server/platform/clock-cache";
import type { ChangeClock } from "../../../server/platform/types";

/** A clock the test advances by hand, as a write would. */
const handClock = () => {
  let tick = 0;
  return { clock: { now: () => tick } satisfies ChangeClock, write: () => void tick++ };
};

test("an answer is kept per key until the clock moves; another clock has its own entries", async () => {
  const cache = clockCache<string>();
  const { clock, write } = handClock();
  let loads = 0;
  const load = (v: string) => async () => (loads++, v);
  assert.equal(await cache(clock, "a", load("a1")), "a1");
  assert.equal(await cache(clock, "a", load("a2")), "a1", "kept: nothing was written");
  assert.equal(await cache(clock, "b", load("b1")), "b1", "each key has its own entry");
  assert.equal(loads, 2);
  write();
  assert.equal(await cache(clock, "a", load("a3")), "a3", "a write retires the entry");
  const other = handClock();
  assert.equal(await cache(other.clock, "a", load("other")), "other");
  assert.equal(await cache(clock, "a", load("a4")), "a3");
});

test("an answer whose load overlapped a write is returned but not kept; without a clock every call loads", async () => {
  const cache = clockCache<number>();
  const { clock, write } = handClock();
  let n = 0;
  assert.equal(await cache(clock, "k", async () => (write(), ++n)), 1);
  assert.equal(await cache(clock, "k", async () => ++n), 2, "the overlapped answer was not kept");
  assert.equal(await cache(clock, "k", async () => ++n), 2);
  assert.equal(await cache(undefined, "k", async () => ++n), 3);
  assert.equal(await cache(undefined, "k", async () => ++n), 4);
});
