import assert from "node:assert/strict";
import { test } from "node:test";
import { concurrencyGate } from "../../../server/limits/concurrency-gate";

const tick = () => new Promise((r) => setImmediate(r));

test("at most `max` run at once; the rest start in arrival order as slots free, a failure included", async () => {
  const gate = concurrencyGate(2);
  let running = 0;
  let most = 0;
  const started: number[] = [];
  const finish = new Map<number, { ok: () => void; fail: () => void }>();
  const results = [0, 1, 2, 3, 4].map((i) =>
    gate(async () => {
      started.push(i);
      most = Math.max(most, ++running);
      try {
        await new Promise<void>((ok, fail) => finish.set(i, { ok, fail: () => fail(new Error(`task ${i}`)) }));
        return i;
      } finally {
        running--;
      }
    }),
  );
  await tick();
  assert.deepEqual(started, [0, 1]);
  finish.get(1)!.fail();
  await assert.rejects(results[1]!, /task 1/);
  await tick();
  assert.deepEqual(started, [0, 1, 2], "a failed call frees its slot");
  finish.get(0)!.ok();
  finish.get(2)!.ok();
  await tick();
  assert.deepEqual(started, [0, 1, 2, 3, 4]);
  finish.get(3)!.ok();
  finish.get(4)!.ok();
  assert.deepEqual(await Promise.all([results[0], results[2], results[3], results[4]]), [0, 2, 3, 4]);
  assert.equal(most, 2);
  assert.equal(running, 0);
});
