import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import path from "node:path";
import { createDynamoService } from "../dynamo/service";
import { FsBlobStore } from "./fs-blob-store";
import type { IpcEndpoint } from "./ipc";
import { remotePgliteDb } from "./ipc-pglite";
import { IpcEventPublisher } from "./ipc-queues";
import { LOCAL_TABLE } from "./local";
import { LocalJobQueue, type LocalQueueOptions } from "./local-job-queue";
import type { Platform } from "./types";

export type WorkerPlatform = Platform & { runtime: "local"; jobs: LocalJobQueue };

/**
 * The platform of the local worker process: the same stand-ins as the web process, reached
 * from outside it — Postgres through the launcher (ipc-pglite.ts), DynamoDB at the stand-in
 * process's endpoint, blobs in the same directory — while the job queues live here, with
 * their consumers, and project events go back to the web process for the realtime server.
 */
export function createWorkerPlatform(parent: IpcEndpoint, options: { dataDir: string; dynamoEndpoint: string; queue?: Omit<LocalQueueOptions, "dir"> }): WorkerPlatform {
  const client = new DynamoDBClient({ endpoint: options.dynamoEndpoint, region: "local", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  const db = remotePgliteDb(parent);
  const jobs = new LocalJobQueue({ dir: path.join(options.dataDir, "queues"), ...options.queue });
  return {
    runtime: "local",
    db: db.db,
    dynamo: createDynamoService(client, LOCAL_TABLE),
    blobs: new FsBlobStore(path.join(options.dataDir, "blobs")),
    jobs,
    events: new IpcEventPublisher(parent),
    async close() {
      jobs.stop();
      db.failPending("worker platform closed");
      client.destroy();
    },
  };
}
