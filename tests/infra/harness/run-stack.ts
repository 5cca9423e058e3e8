/**
 * Runs the REAL sst.config.ts (app() and run(), which imports every module in stacks/) under
 * Pulumi mocks, with the SST globals provided by the fakes in this folder, and returns a
 * snapshot: every AWS resource registered with its resolved inputs, the SST components with
 * their arguments, the router's routes and the stack outputs. One run per test process.
 */
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, type Recorded } from "./mocks";
import { components, pending, $transform } from "./sst-runtime";
import { Bucket, Dynamo, Linkable, permission, Queue, Secret } from "./fake-data";
import { Function } from "./fake-function";
import { Cluster, Service, Task, Vpc } from "./fake-containers";
import { ApiGatewayV2, Nextjs, Router, routes, type RouteRecord } from "./fake-web";

export type Snapshot = {
  stage: string;
  app: Record<string, any>;
  resources: Recorded[];
  components: { type: string; name: string; args: Record<string, any> }[];
  routes: RouteRecord[];
  outputs: Record<string, any>;
  /** The secret values the run was given, to prove none leaks where it must not. */
  secretValues: Record<string, string>;
};

export const TEST_SECRETS: Record<string, string> = {
  NextAuthSecret: "nextauth-secret-value-7f3a9c1e5b2d4f6a8c0e1b3d5f7a9c1e",
  DatabaseUrl: "postgres://user:db-password-0d9c8b7a@ep-example.neon.tech/agents",
  RealtimeSecret: "realtime-secret-value-2b4d6f8a0c1e3a5c7e9b1d3f5a7c9e1b",
};

export const TEST_INPUTS = { ALERT_EMAIL: "ops@example.com", BUDGET_EMAIL: "", DOMAIN: "", BEDROCK_MODEL_IDS: "", TEST_RUN_MODEL_IDS: "" };

const promiseOf = <T>(v: pulumi.Input<T>): Promise<T> => (pulumi.output(v) as any).promise();
const settle = async () => (pulumi.runtime as any).waitForRPCs?.() ?? new Promise((r) => setTimeout(r, 50));

export async function runStack(stage = "production", env: Record<string, string> = TEST_INPUTS): Promise<Snapshot> {
  const recorded = installMocks();
  const aws = await import("@pulumi/aws");
  for (const [k, v] of Object.entries(env)) process.env[k] = v;
  for (const [k, v] of Object.entries(TEST_SECRETS)) process.env[`SST_SECRET_${k}`] = v;
  process.env.AWS_EC2_METADATA_DISABLED = "true";

  const g = globalThis as any;
  g.$config = (c: unknown) => c;
  const config = (await import(pathToFileURL(resolve(import.meta.dirname, "../../../sst.config.ts")).href)).default;
  const app = config.app({ stage });
  Object.assign(g, {
    sst: { Secret, Linkable, aws: { permission, Dynamo, Bucket, Queue, Function, Nextjs, Router, ApiGatewayV2, Vpc, Cluster, Service, Task } },
    aws,
    $app: { name: app.name, stage, removal: app.removal ?? "retain", providers: app.providers, protect: app.protect ?? false },
    $dev: false,
    $transform,
    $interpolate: pulumi.interpolate,
    $concat: pulumi.concat,
    $jsonStringify: pulumi.jsonStringify,
    $jsonParse: pulumi.jsonParse,
    $output: pulumi.output,
    $resolve: pulumi.all,
  });

  const outputs = await promiseOf(await config.run());
  for (let i = 0; i < 5; i++) {
    await settle();
    await Promise.all(pending.map(promiseOf));
  }
  const resolvedComponents = await Promise.all(components.map(async (c) => ({ ...c, args: (await promiseOf(c.args)) as Record<string, any> })));
  return { stage, app, resources: recorded, components: resolvedComponents, routes, outputs: outputs ?? {}, secretValues: TEST_SECRETS };
}
