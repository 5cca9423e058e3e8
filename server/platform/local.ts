import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { PGlite } from "@electric-sql/pglite";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openPglite, type DbHandle } from "../db/client";
import { createDynamoService } from "../dynamo/service";
import { ensureTable } from "../dynamo/table";
import { startDynalite } from "./dynalite";
import { FsBlobStore } from "./fs-blob-store";
import { LocalEventHub } from "./local-event-hub";
import { LocalJobQueue, type LocalQueueOptions } from "./local-job-queue";
import { watchWrites } from "./pglite-write-clock";
import type { Platform } from "./types";

export type LocalPlatform = Platform & {
  runtime: "local";
  jobs: LocalJobQueue;
  events: LocalEventHub;
  dynamoEndpoint: string;
  /** The PGlite instance behind `db`, served to the worker process by ipc-pglite.ts. */
  pglite: PGlite;
};

export type LocalPlatformOptions = {
  /** null = everything in memory (tests); otherwise PGlite, dynalite, blobs and queues persist here. */
  dataDir: string | null;
  dynamoPort?: number;
  /** A DynamoDB-API server already running, or starting (the launcher's stand-in process); none is started here. */
  dynamoEndpoint?: string | Promise<string>;
  queue?: Omit<LocalQueueOptions, "dir">;
  /** Postgres already opening (the launcher starts its PGlite thread before anything else); else PGlite opens here, in-process. */
  pg?: Promise<DbHandle & { client: PGlite }>;
};

export const LOCAL_TABLE = "agent-builder";

/** Starts the embedded stand-ins: dynalite on 127.0.0.1, PGlite (migrated), files for blobs and queues. */
export async function createLocalPlatform(options: LocalPlatformOptions): Promise<LocalPlatform> {
  const { dataDir } = options;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // PGlite opens (seconds) while the DynamoDB stand-in starts.
  const pgDir = dataDir ? path.join(dataDir, "pg") : undefined;
  const opening = options.pg ?? openPglite(pgDir);
  opening.catch(() => undefined); // awaited below; a DynamoDB failure first must not leave it unhandled
  const dynamo = options.dynamoEndpoint ? null : await startDynalite(dataDir, options.dynamoPort ?? 0);
  const endpoint = (await options.dynamoEndpoint) ?? dynamo!.endpoint;
  const client = new DynamoDBClient({ endpoint, region: "local", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  await ensureTable(client, LOCAL_TABLE);

  const pg = await opening;
  const clocks = watchWrites(pg.client, { projects: (sql) => /\b(projects|users)\b/i.test(sql), users: (sql) => /\busers\b/i.test(sql) });
  const blobRoot = dataDir ? path.join(dataDir, "blobs") : mkdtempSync(path.join(tmpdir(), "agent-builder-blobs-"));
  const jobs = new LocalJobQueue({ dir: dataDir ? path.join(dataDir, "queues") : null, ...options.queue });

  return {
    runtime: "local",
    db: pg.db,
    projectsClock: clocks.projects,
    usersClock: clocks.users,
    dynamo: createDynamoService(client, LOCAL_TABLE),
    dynamoEndpoint: endpoint,
    pglite: pg.client,
    blobs: new FsBlobStore(blobRoot),
    jobs,
    events: new LocalEventHub(),
    async close() {
      jobs.stop();
      client.destroy();
      await dynamo?.close();
      await pg.close();
    },
  };
}

