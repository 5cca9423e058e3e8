import type { SQSEvent, SQSRecord } from "aws-lambda";
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { QUEUE_NAMES, type JobQueue, type QueueHandler, type QueueName, type SendOptions } from "./types";

type StoredMessage = {
  id: string;
  seq: number;
  body: string;
  groupId: string;
  dedupId?: string;
  sentAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  /** Not persisted: after a restart every message is visible again, as if its timeout expired. */
  visibleAt: number;
};

export type LocalQueueOptions = {
  /** Directory that makes the queues durable; null keeps them in memory (tests). */
  dir: string | null;
  visibilityTimeoutMs?: number;
  /**
   * How soon a failed record is retried (the handler-side ChangeMessageVisibility of SQS);
   * defaults to the visibility timeout.
   */
  retryDelayMs?: number;
  /** Receives after which a message moves to the dead-letter queue (SQS maxReceiveCount). */
  maxReceiveCount?: number;
  batchSize?: number;
  /** Batches in flight per queue; FIFO order still holds within a message group. */
  concurrency?: number;
  pollIntervalMs?: number;
};

const DEDUP_WINDOW_MS = 5 * 60_000;
const dlqName = (q: QueueName) => `${q}-dlq`;

/**
 * The local stand-in for SQS FIFO + Lambda's event source: the same handler contract
 * (SQS-shaped event in, batchItemFailures out), visibility timeout, receive counts,
 * message groups, deduplication and a dead-letter queue per queue. Messages are files,
 * so they survive a restart.
 */
export class LocalJobQueue implements JobQueue {
  private readonly messages = new Map<string, StoredMessage[]>();
  private readonly dedup = new Map<string, number>();
  private readonly handlers = new Map<QueueName, QueueHandler>();
  private readonly running = new Map<QueueName, number>();
  private readonly timers = new Map<QueueName, NodeJS.Timeout>();
  private nextSeq = 1;
  private stopped = false;
  private readonly opts: Required<Omit<LocalQueueOptions, "dir" | "retryDelayMs">> & { dir: string | null; retryDelayMs?: number };
  /** Messages whose handler is still running are never handed out twice (Lambda's poller holds them too). */
  private readonly inFlight = new Set<string>();

  constructor(options: LocalQueueOptions) {
    this.opts = { visibilityTimeoutMs: 30_000, maxReceiveCount: 5, batchSize: 1, concurrency: 4, pollIntervalMs: 50, ...options };
    for (const q of QUEUE_NAMES) for (const name of [q, dlqName(q)]) this.messages.set(name, this.load(name));
  }

  async send(queue: QueueName, body: unknown, options: SendOptions): Promise<void> {
    const now = Date.now();
    const bodyText = JSON.stringify(body);
    const dedupKey = `${queue}:${options.dedupId ?? createHash("sha256").update(bodyText).digest("hex")}`;
    if ((this.dedup.get(dedupKey) ?? 0) > now) return;
    this.dedup.set(dedupKey, now + DEDUP_WINDOW_MS);
    const message: StoredMessage = {
      id: randomUUID(),
      seq: this.nextSeq++,
      body: bodyText,
      groupId: options.groupId,
      dedupId: options.dedupId,
      sentAt: now,
      receiveCount: 0,
      visibleAt: 0,
    };
    this.queue(queue).push(message);
    this.persist(queue, message);
    this.wake(queue);
  }

  /** Starts delivering a queue's messages to its handler (Lambda's event source mapping). */
  consume(queue: QueueName, handler: QueueHandler): void {
    this.handlers.set(queue, handler);
    this.wake(queue);
  }

  /** Messages waiting or in flight; `dlq: true` for the dead-letter queue. */
  depth(queue: QueueName, dlq = false): number {
    return this.queue(dlq ? dlqName(queue) : queue).length;
  }

  deadLetters(queue: QueueName): unknown[] {
    return this.queue(dlqName(queue)).map((m) => JSON.parse(m.body));
  }

  /** Resolves when every queue is empty and no handler is running. */
  async drain(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (QUEUE_NAMES.some((q) => this.depth(q) > 0 || (this.running.get(q) ?? 0) > 0)) {
      if (Date.now() > deadline) throw new Error("queues did not drain in time");
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private queue(name: string): StoredMessage[] {
    return this.messages.get(name)!;
  }

  private wake(queue: QueueName, delayMs = 0): void {
    if (this.stopped || !this.handlers.has(queue)) return;
    const existing = this.timers.get(queue);
    if (existing && delayMs > 0) return;
    if (existing) clearTimeout(existing);
    const timer = setTimeout(() => {
      this.timers.delete(queue);
      this.poll(queue);
    }, delayMs);
    timer.unref();
    this.timers.set(queue, timer);
  }

  private poll(queue: QueueName): void {
    while ((this.running.get(queue) ?? 0) < this.opts.concurrency) {
      const batch = this.receive(queue);
      if (batch.length === 0) break;
      this.running.set(queue, (this.running.get(queue) ?? 0) + 1);
      void this.deliver(queue, batch).finally(() => {
        this.running.set(queue, (this.running.get(queue) ?? 1) - 1);
        this.wake(queue);
      });
    }
    if (this.queue(queue).length > 0) this.wake(queue, this.opts.pollIntervalMs);
  }

  /** Picks visible messages in order, at most one in flight per message group. */
  private receive(queue: QueueName): StoredMessage[] {
    const now = Date.now();
    const blockedGroups = new Set<string>();
    const batch: StoredMessage[] = [];
    for (const m of [...this.queue(queue)]) {
      if (batch.length >= this.opts.batchSize) break;
      if (blockedGroups.has(m.groupId)) continue;
      blockedGroups.add(m.groupId);
      if (m.visibleAt > now || this.inFlight.has(m.id)) continue;
      if (m.receiveCount >= this.opts.maxReceiveCount) {
        this.moveToDeadLetter(queue, m);
        continue;
      }
      m.receiveCount += 1;
      m.firstReceivedAt ??= now;
      m.visibleAt = now + this.opts.visibilityTimeoutMs;
      this.persist(queue, m);
      this.inFlight.add(m.id);
      batch.push(m);
    }
    return batch;
  }

  private async deliver(queue: QueueName, batch: StoredMessage[]): Promise<void> {
    const handler = this.handlers.get(queue)!;
    const event: SQSEvent = { Records: batch.map((m) => toRecord(queue, m)) };
    let failed: Set<string>;
    try {
      const response = await handler(event);
      failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch {
      failed = new Set(batch.map((m) => m.id));
    }
    const retryAt = Date.now() + (this.opts.retryDelayMs ?? this.opts.visibilityTimeoutMs);
    for (const m of batch) {
      this.inFlight.delete(m.id);
      if (!failed.has(m.id)) this.remove(queue, m);
      else m.visibleAt = Math.min(m.visibleAt, retryAt);
    }
  }

  private moveToDeadLetter(queue: QueueName, m: StoredMessage): void {
    this.remove(queue, m);
    const dead = { ...m, visibleAt: 0 };
    this.queue(dlqName(queue)).push(dead);
    this.persist(dlqName(queue), dead);
  }

  private remove(queue: string, m: StoredMessage): void {
    const list = this.queue(queue);
    const i = list.indexOf(m);
    if (i >= 0) list.splice(i, 1);
    if (this.opts.dir) rmSync(this.fileOf(queue, m), { force: true });
  }

  private fileOf(queue: string, m: StoredMessage): string {
    return path.join(this.opts.dir!, queue, `${String(m.seq).padStart(12, "0")}-${m.id}.json`);
  }

  private persist(queue: string, m: StoredMessage): void {
    if (!this.opts.dir) return;
    const file = this.fileOf(queue, m);
    mkdirSync(path.dirname(file), { recursive: true });
    const { visibleAt: _visibleAt, ...stored } = m;
    writeFileSync(`${file}.tmp`, JSON.stringify(stored));
    renameSync(`${file}.tmp`, file);
  }

  private load(queue: string): StoredMessage[] {
    if (!this.opts.dir) return [];
    const dir = path.join(this.opts.dir, queue);
    mkdirSync(dir, { recursive: true });
    const loaded = readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => ({ ...(JSON.parse(readFileSync(path.join(dir, f), "utf8")) as StoredMessage), visibleAt: 0 }));
    for (const m of loaded) this.nextSeq = Math.max(this.nextSeq, m.seq + 1);
    return loaded;
  }
}

function toRecord(queue: QueueName, m: StoredMessage): SQSRecord {
  return {
    messageId: m.id,
    receiptHandle: `${m.id}:${m.receiveCount}`,
    body: m.body,
    attributes: {
      ApproximateReceiveCount: String(m.receiveCount),
      SentTimestamp: String(m.sentAt),
      SenderId: "local",
      ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt ?? m.sentAt),
      MessageGroupId: m.groupId,
      MessageDeduplicationId: m.dedupId,
    },
    messageAttributes: {},
    md5OfBody: createHash("md5").update(m.body).digest("hex"),
    eventSource: "aws:sqs",
    eventSourceARN: `arn:aws:sqs:local:000000000000:${queue}.fifo`,
    awsRegion: "local",
  };
}
