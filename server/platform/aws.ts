import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { SQSClient } from "@aws-sdk/client-sqs";
import { openNeon } from "../db/client";
import { createDynamoService } from "../dynamo/service";
import type { Env } from "../env";
import { HttpEventPublisher } from "./http-event-publisher";
import { S3BlobStore } from "./s3-blob-store";
import { SqsJobQueue } from "./sqs-job-queue";
import type { Platform } from "./types";

/**
 * aws mode. Resource names come from SST links, read inside the factory: `Resource`
 * throws when links are inactive, so reading it at module load would break local runs.
 */
export async function createAwsPlatform(env: Env & { APP_RUNTIME: "aws" }): Promise<Platform> {
  const { Resource } = (await import("sst")) as unknown as { Resource: Record<string, Record<string, string>> };
  const link = (name: string, field: string) => {
    const value = Resource[name]?.[field];
    if (!value) throw new Error(`SST link ${name}.${field} is missing: is the function linked to ${name}?`);
    return value;
  };
  const pg = await openNeon(env.DATABASE_URL);
  const region = env.AWS_REGION;
  return {
    runtime: "aws",
    db: pg.db,
    dynamo: createDynamoService(new DynamoDBClient({ region }), link("AgentTable", "name")),
    blobs: new S3BlobStore(new S3Client({ region }), link("Artifacts", "name")),
    jobs: new SqsJobQueue(new SQSClient({ region }), {
      pm: link("PmQueue", "url"),
      dev: link("DevQueue", "url"),
      qa: link("QaQueue", "url"),
      ops: link("OpsQueue", "url"),
    }),
    events: new HttpEventPublisher(link("Realtime", "url"), link("RealtimeSecret", "value")),
    close: () => pg.close(),
  };
}
