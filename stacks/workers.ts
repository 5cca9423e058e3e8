/**
 * The four queue workers (server/agents/{pm,dev,qa,ops}.ts, SQS event in, partial batch
 * response out). Every app process links what server/platform/aws.ts reads at start (table,
 * bucket, the four work queues, realtime URL and secret). Per role on top: consume only its own
 * queue, and Bedrock only for PM (plans with the LanguageModel) and Dev (generates with it),
 * on the configured models alone.
 */
import type { Input, Output } from "@pulumi/pulumi";
import { FUNCTION_DEFAULTS, METRICS, QUEUE, ROLES, WORKER_FILES, WORKERS, type Role } from "./config";
import { bedrockStatement, QUEUE_CONSUME_ACTIONS } from "./iam";
import type { Queues } from "./queues";
import type { Secrets } from "./secrets";

export type AppDeps = {
  table: sst.aws.Dynamo;
  bucket: sst.aws.Bucket;
  queues: Queues;
  realtime: sst.aws.Service;
  secrets: Secrets;
  siteUrl: Output<string>;
  modelIds: string[];
};

/** The links server/platform/aws.ts resolves in createAwsPlatform(). */
export const appLinks = (d: AppDeps) => [d.table, d.bucket, d.realtime, d.secrets.realtime, ...ROLES.map((r) => d.queues[r].queue)];

/** The environment server/env.ts parses in aws mode, shared by the web app and workers. */
export function appEnvironment(d: Pick<AppDeps, "secrets" | "siteUrl" | "modelIds">): Record<string, Input<string>> {
  return {
    APP_RUNTIME: "aws",
    NODE_ENV: "production",
    LLM_PROVIDER: "bedrock",
    LLM_MODEL_ID: d.modelIds[0]!,
    NEXTAUTH_URL: d.siteUrl,
    NEXTAUTH_SECRET: d.secrets.nextAuth.value,
    DATABASE_URL: d.secrets.databaseUrl.value,
    REALTIME_SECRET: d.secrets.realtime.value,
  };
}

function createWorker(role: Role, d: AppDeps & { modelArns: Input<Input<string>[]> }) {
  const w = WORKERS[role];
  const own = d.queues[role];
  const fn = new sst.aws.Function(w.functionName, {
    description: `${role.toUpperCase()} worker`,
    handler: w.handler,
    runtime: FUNCTION_DEFAULTS.runtime,
    architecture: FUNCTION_DEFAULTS.architecture,
    timeout: `${w.timeoutSeconds} seconds`,
    memory: `${w.memoryMb} MB`,
    concurrency: { reserved: FUNCTION_DEFAULTS.reservedConcurrency },
    link: [...appLinks(d), ...(w.bedrock ? [d.secrets.llmApiKey] : [])],
    copyFiles: WORKER_FILES.map((dir) => ({ from: dir, to: dir })),
    nodejs: w.install ? { install: [...w.install] } : undefined,
    environment: {
      ...appEnvironment(d),
      POWERTOOLS_SERVICE_NAME: `${role}-worker`,
      POWERTOOLS_METRICS_NAMESPACE: METRICS.namespace,
    },
    permissions: [
      { actions: QUEUE_CONSUME_ACTIONS, resources: [own.queue.arn] },
      ...(w.bedrock ? [bedrockStatement(d.modelArns)] : []),
    ],
  });
  own.queue.subscribe(fn.arn, { batch: { size: QUEUE.batchSize, partialResponses: true } });
  return fn;
}

export type Workers = Record<Role, sst.aws.Function>;

export function createWorkers(d: AppDeps & { modelArns: Input<Input<string>[]> }): Workers {
  return Object.fromEntries(ROLES.map((role) => [role, createWorker(role, d)])) as Workers;
}
