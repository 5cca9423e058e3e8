import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { LocalJobQueue } from "../../server/platform/local-job-queue";
import { SqsJobQueue } from "../../server/platform/sqs-job-queue";
import { QUEUE_NAMES, type QueueName } from "../../server/platform/types";

/** The sending side of JobQueue: SqsJobQueue against the fauxqs SQS stand-in, and LocalJobQueue. */
let fauxqs: { stop(): Promise<void>; address: string; createQueue(name: string, o?: unknown): { queueUrl: string } };
let client: SQSClient;
const urls = {} as Record<QueueName, string>;

before(async () => {
  const { startFauxqs } = await import("fauxqs");
  fauxqs = (await startFauxqs({ port: 0, logger: false })) as unknown as typeof fauxqs;
  client = new SQSClient({ endpoint: fauxqs.address, region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
  for (const q of QUEUE_NAMES) {
    urls[q] = fauxqs.createQueue(`${q}.fifo`, { attributes: { FifoQueue: "true", ContentBasedDeduplication: "true" } }).queueUrl;
  }
});
after(async () => {
  client?.destroy();
  await fauxqs?.stop();
});

describe("SqsJobQueue (fauxqs)", () => {
  test("sends FIFO messages with the group id and JSON body; duplicates are dropped", async () => {
    const queue = new SqsJobQueue(client, urls);
    await queue.send("dev", { projectId: "p1", n: 1 }, { groupId: "p1", dedupId: "job-1" });
    await queue.send("dev", { projectId: "p1", n: 1 }, { groupId: "p1", dedupId: "job-1" });
    await queue.send("dev", { projectId: "p1", n: 2 }, { groupId: "p1", dedupId: "job-2" });
    const bodies: unknown[] = [];
    const groups = new Set<string | undefined>();
    for (let i = 0; i < 5; i++) {
      const out = await client.send(new ReceiveMessageCommand({ QueueUrl: urls.dev, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ["MessageGroupId"], WaitTimeSeconds: 0 }));
      for (const m of out.Messages ?? []) {
        bodies.push(JSON.parse(m.Body!));
        groups.add(m.Attributes?.MessageGroupId);
        await client.send(new DeleteMessageCommand({ QueueUrl: urls.dev, ReceiptHandle: m.ReceiptHandle! }));
      }
    }
    assert.deepEqual(bodies, [{ projectId: "p1", n: 1 }, { projectId: "p1", n: 2 }]);
    assert.deepEqual([...groups], ["p1"]);
  });
});

describe("LocalJobQueue", () => {
  test("delivers the same shape and drops duplicates", async () => {
    const queue = new LocalJobQueue({ dir: null, pollIntervalMs: 5 });
    const seen: unknown[] = [];
    queue.consume("dev", async (event) => {
      for (const r of event.Records) {
        assert.equal(r.eventSource, "aws:sqs");
        assert.equal(r.attributes.MessageGroupId, "p1");
        seen.push(JSON.parse(r.body));
      }
      return { batchItemFailures: [] };
    });
    await queue.send("dev", { n: 1 }, { groupId: "p1", dedupId: "a" });
    await queue.send("dev", { n: 1 }, { groupId: "p1", dedupId: "a" });
    await queue.send("dev", { n: 2 }, { groupId: "p1", dedupId: "b" });
    await queue.drain();
    queue.stop();
    assert.deepEqual(seen, [{ n: 1 }, { n: 2 }]);
  });
});
