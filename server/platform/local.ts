import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { AddressInfo } from "node:net";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openPglite } from "../db/client";
import { createDynamoService } from "../dynamo/service";
import { ensureTable } from "../dynamo/table";
import { FsBlobStore } from "./fs-blob-store";
import { LocalEventHub } from "./local-event-hub";
import { LocalJobQueue, type LocalQueueOptions } from "./local-job-queue";
import type { Platform } from "./types";

export type LocalPlatform = Platform & { runtime: "local"; jobs: LocalJobQueue; events: LocalEventHub; dynamoEndpoint: string };

export type LocalPlatformOptions = {
  /** null = everything in memory (tests); otherwise PGlite, dynalite, blobs and queues persist here. */
  dataDir: string | null;
  dynamoPort?: number;
  queue?: Omit<LocalQueueOptions, "dir">;
};

export const LOCAL_TABLE = "agent-builder";

/** Starts the embedded stand-ins: dynalite on 127.0.0.1, PGlite (migrated), files for blobs and queues. */
export async function createLocalPlatform(options: LocalPlatformOptions): Promise<LocalPlatform> {
  const { dataDir } = options;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const { default: dynalite } = await import("dynalite");
  const server = dynalite({ path: dataDir ? path.join(dataDir, "dynamo") : undefined, createTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.dynamoPort ?? 0, "127.0.0.1", () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ endpoint, region: "local", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  await ensureTable(client, LOCAL_TABLE);

  const pg = await openPglite(dataDir ? path.join(dataDir, "pg") : undefined);
  const blobRoot = dataDir ? path.join(dataDir, "blobs") : mkdtempSync(path.join(tmpdir(), "agent-builder-blobs-"));
  const jobs = new LocalJobQueue({ dir: dataDir ? path.join(dataDir, "queues") : null, ...options.queue });

  return {
    runtime: "local",
    db: pg.db,
    dynamo: createDynamoService(client, LOCAL_TABLE),
    dynamoEndpoint: endpoint,
    blobs: new FsBlobStore(blobRoot),
    jobs,
    events: new LocalEventHub(),
    async close() {
      jobs.stop();
      client.destroy();
      await new Promise<void>((r) => server.close(() => r()));
      await pg.close();
    },
  };
}
