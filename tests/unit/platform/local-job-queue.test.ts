import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import type { SQSEvent } from "aws-lambda";
import { LocalJobQueue } from "../../../server/platform/local-job-queue";

const bodies = (e: SQSEvent) => e.Records.map((r) => JSON.parse(r.body) as { n: number; g?: string });

describe("LocalJobQueue semantics", () => {
  test("a failed record is redelivered after the visibility timeout with a higher receive count", async () => {
    const queue = new LocalJobQueue({ dir: null, visibilityTimeoutMs: 30, pollIntervalMs: 5 });
    const counts: string[] = [];
    queue.consume("pm", async (event) => {
      const r = event.Records[0]!;
      counts.push(r.attributes.ApproximateReceiveCount);
      return { batchItemFailures: counts.length < 3 ? [{ itemIdentifier: r.messageId }] : [] };
    });
    await queue.send("pm", { n: 1 }, { groupId: "g" });
    await queue.drain();
    queue.stop();
    assert.deepEqual(counts, ["1", "2", "3"]);
  });

  test("after maxReceiveCount failures the message moves to the dead-letter queue", async () => {
    const queue = new LocalJobQueue({ dir: null, visibilityTimeoutMs: 10, maxReceiveCount: 3, pollIntervalMs: 5 });
    let calls = 0;
    queue.consume("qa", async () => {
      calls++;
      throw new Error("poison");
    });
    await queue.send("qa", { n: 666 }, { groupId: "g" });
    await queue.drain();
    queue.stop();
    assert.equal(calls, 3);
    assert.deepEqual(queue.deadLetters("qa"), [{ n: 666 }]);
    assert.equal(queue.depth("qa"), 0);
  });

  test("messages of one group are delivered in order and one at a time; groups run in parallel", async () => {
    const queue = new LocalJobQueue({ dir: null, concurrency: 4, pollIntervalMs: 5 });
    const active = new Map<string, number>();
    const order: string[] = [];
    let maxParallelGroups = 0;
    queue.consume("dev", async (event) => {
      const [{ n, g }] = bodies(event) as [{ n: number; g: string }];
      assert.equal(active.get(g) ?? 0, 0, `group ${g} already has a message in flight`);
      active.set(g, 1);
      maxParallelGroups = Math.max(maxParallelGroups, [...active.values()].filter(Boolean).length);
      await new Promise((r) => setTimeout(r, 5));
      order.push(`${g}${n}`);
      active.set(g, 0);
      return { batchItemFailures: [] };
    });
    for (let n = 1; n <= 5; n++) for (const g of ["a", "b", "c"]) await queue.send("dev", { n, g }, { groupId: g });
    await queue.drain();
    queue.stop();
    for (const g of ["a", "b", "c"]) assert.deepEqual(order.filter((x) => x[0] === g), [1, 2, 3, 4, 5].map((n) => `${g}${n}`));
    assert.ok(maxParallelGroups > 1, "different groups were processed concurrently");
  });

  test("a failing message blocks its own group (FIFO) until it succeeds", async () => {
    const queue = new LocalJobQueue({ dir: null, visibilityTimeoutMs: 20, pollIntervalMs: 5 });
    const order: number[] = [];
    let failedOnce = false;
    queue.consume("ops", async (event) => {
      const [{ n }] = bodies(event) as [{ n: number }];
      if (n === 1 && !failedOnce) {
        failedOnce = true;
        return { batchItemFailures: [{ itemIdentifier: event.Records[0]!.messageId }] };
      }
      order.push(n);
      return { batchItemFailures: [] };
    });
    await queue.send("ops", { n: 1 }, { groupId: "p" });
    await queue.send("ops", { n: 2 }, { groupId: "p" });
    await queue.drain();
    queue.stop();
    assert.deepEqual(order, [1, 2]);
  });

  test("messages survive a restart (durable directory) and keep their receive counts", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "queue-"));
    try {
      const first = new LocalJobQueue({ dir });
      await first.send("dev", { n: 1 }, { groupId: "p" });
      await first.send("dev", { n: 2 }, { groupId: "p" });
      first.stop();
      const second = new LocalJobQueue({ dir, pollIntervalMs: 5 });
      const seen: number[] = [];
      second.consume("dev", async (event) => {
        seen.push(...bodies(event).map((b) => b.n));
        return { batchItemFailures: [] };
      });
      await second.drain();
      second.stop();
      assert.deepEqual(seen, [1, 2]);
      assert.equal(new LocalJobQueue({ dir }).depth("dev"), 0, "acknowledged messages are gone from disk");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
