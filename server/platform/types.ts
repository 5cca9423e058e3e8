import type { SQSEvent, SQSBatchResponse } from "aws-lambda";
import type { Db } from "../db/client";
import type { DynamoService } from "../dynamo/service";

/** The four worker queues. Each has its own dead-letter queue. */
export const QUEUE_NAMES = ["pm", "dev", "qa", "ops"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** The SQS handler contract, shared by Lambda (aws) and the local poller. */
export type QueueHandler = (event: SQSEvent) => Promise<SQSBatchResponse>;

export type SendOptions = {
  /** Messages with the same group id are delivered in order, one at a time (FIFO message group). */
  groupId: string;
  /** A repeated send with the same id within 5 minutes is dropped (FIFO deduplication). */
  dedupId?: string;
};

/** Sends jobs to the worker queues. */
export interface JobQueue {
  send(queue: QueueName, body: unknown, options: SendOptions): Promise<void>;
}

/** Stores generated artifacts by key (content-addressed by the callers). */
export interface BlobStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** null when the key does not exist. */
  get(key: string): Promise<Uint8Array | null>;
  has(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /**
   * Marks an existing object as written now (its last-modified time), without sending its
   * bytes: a writer reusing a content-addressed blob touches it, so the garbage collector's
   * grace period protects it until the writer's reference is stored. False when missing.
   */
  touch(key: string, contentType: string): Promise<boolean>;
  /** When the object was last written or touched; null when it does not exist. */
  lastModified(key: string): Promise<Date | null>;
  /** Every object whose key starts with `prefix`, in pages (for the garbage collector). */
  list(prefix: string): AsyncIterable<{ key: string; lastModified: Date }>;
  /**
   * A URL that reads this one object for a limited time, for a reader holding no credentials
   * (the ECS test runner): an S3 presigned GET; a file: URL locally.
   */
  readUrl(key: string, expiresInSeconds: number): Promise<string>;
}

export type ProjectEvent = {
  projectId: string;
  seq: number;
  type: string;
  payload: unknown;
  createdAt: string;
};

/** Delivers already-stored project events to live subscribers (the realtime service). */
export interface EventPublisher {
  deliver(event: ProjectEvent): Promise<void>;
}

/** A reading that changes whenever the data it watches may have changed (pglite-write-clock.ts). */
export interface ChangeClock {
  now(): number;
}

export type Platform = {
  runtime: "local" | "aws";
  db: Db;
  /**
   * Advances on every write that can change a row of `projects` (a write to `projects`, or to
   * `users`, whose delete cascades). Only where every write passes through this process (local
   * mode's web process, which owns PGlite); absent in aws mode (Neon is written by many
   * instances), where nothing is cached against it.
   */
  projectsClock?: ChangeClock;
  /** Advances on every write that can change a row of `users` (session versions: sign-out); local mode only, as above. */
  usersClock?: ChangeClock;
  dynamo: DynamoService;
  blobs: BlobStore;
  jobs: JobQueue;
  events: EventPublisher;
  close(): Promise<void>;
};
