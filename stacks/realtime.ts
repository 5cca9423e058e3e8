/**
 * The WebSocket service and the test-run task on ECS Fargate (ARM64). The VPC has NO NAT
 * gateway: its hourly charge alone would cost more than the rest of the idle platform, so
 * tasks run in public subnets with a public IP (SST's default for its own VPC) and reach
 * ECR, DynamoDB, S3 and Bedrock over the internet. Secrets reach the containers as SSM
 * SecureString parameters under the platform key, never in the task definition.
 */
import type { Input, Output } from "@pulumi/pulumi";
import { LOGS, NAMES, REALTIME, ROLES, TEST_RUNNER, WORKERS } from "./config";
import { bedrockStatement } from "./iam";
import type { DeployInputs } from "./inputs";
import type { Queues } from "./queues";
import type { ContainerSecret } from "./secrets";

type KmsKey = { arn: Output<string> };

/**
 * The execution role (used by ECS itself to pull the image and inject secrets) may read
 * exactly these parameters and decrypt with the platform key. Replaces SST's default inline
 * policy, which allows every SSM parameter and Secrets Manager secret in the account.
 */
const executionRolePolicy = (key: KmsKey, parameterArns: Output<string>[]) => (args: aws.iam.RoleArgs) => {
  args.inlinePolicies = [
    {
      name: "inline",
      policy: $jsonStringify({
        Version: "2012-10-17",
        Statement: [
          // SST's default execution role reads every parameter; only ours are allowed (none for the runner).
          ...(parameterArns.length > 0 ? [{ Effect: "Allow", Action: ["ssm:GetParameters"], Resource: parameterArns }] : []),
          { Effect: "Allow", Action: ["kms:Decrypt"], Resource: [key.arn] },
        ],
      }),
    },
  ];
  return undefined;
};

export function createCluster() {
  const vpc = new sst.aws.Vpc(NAMES.vpc, { az: 2 });
  return new sst.aws.Cluster(NAMES.cluster, { vpc });
}

/** Link data without IAM: the SST_RESOURCE_<Name> variable SST's `Resource` reads. */
const linkData = (name: string, properties: Record<string, Input<string>>) => ({ [`SST_RESOURCE_${name}`]: $jsonStringify(properties) });

export type RealtimeDeps = {
  cluster: sst.aws.Cluster;
  table: sst.aws.Dynamo;
  bucket: sst.aws.Bucket;
  queues: Queues;
  key: KmsKey;
  siteUrl: Output<string>;
  params: Record<ContainerSecret, Output<string>>;
  inputs: DeployInputs;
};

/**
 * The service runs the app's aws platform (server/platform/aws.ts), which reads the table,
 * bucket, queue, realtime and secret links at start. Only the table is linked (it is the one
 * it uses: replay and connections); the others arrive as link DATA without permissions, the
 * service's own URL as loopback, and the secret through SSM (never the task definition).
 */
export function createRealtime(d: RealtimeDeps) {
  const port = `${REALTIME.containerPort}/http` as const;
  // With a custom domain the ALB terminates TLS itself; without one, CloudFront (the Router)
  // is the only TLS edge and the ALB listens on plain HTTP behind it.
  const rules = d.inputs.DOMAIN
    ? [{ listen: "80/http" as const, redirect: "443/https" as const }, { listen: "443/https" as const, forward: port }]
    : [{ listen: "80/http" as const, forward: port }];
  const ssm = pick(d.params, ["NEXTAUTH_SECRET", "DATABASE_URL", "REALTIME_SECRET", "SST_RESOURCE_RealtimeSecret"]);
  return new sst.aws.Service(NAMES.realtime, {
    cluster: d.cluster,
    architecture: REALTIME.architecture,
    cpu: REALTIME.cpu,
    memory: REALTIME.memory,
    image: { context: ".", dockerfile: REALTIME.dockerfile },
    link: [d.table],
    environment: {
      APP_RUNTIME: "aws",
      NODE_ENV: "production",
      PORT: String(REALTIME.containerPort),
      NEXTAUTH_URL: d.siteUrl,
      ...linkData(NAMES.bucket, { name: d.bucket.name }),
      ...Object.assign({}, ...ROLES.map((r) => linkData(WORKERS[r].queue, { url: d.queues[r].queue.url }))),
      ...linkData(NAMES.realtime, { url: `http://127.0.0.1:${REALTIME.containerPort}` }),
    },
    ssm,
    logging: { retention: LOGS.ecsRetention },
    loadBalancer: {
      domain: d.inputs.DOMAIN ? `realtime.${d.inputs.DOMAIN}` : undefined,
      rules,
      health: { [port]: { path: REALTIME.healthPath, interval: "30 seconds" } },
    },
    scaling: { min: REALTIME.desiredTasks, max: REALTIME.desiredTasks },
    transform: {
      executionRole: executionRolePolicy(d.key, Object.values(ssm)),
      loadBalancer: (args) => {
        args.idleTimeout = REALTIME.idleTimeoutSeconds;
        return undefined;
      },
    },
  });
}

const pick = <K extends string>(from: Record<K, Output<string>>, keys: K[]) => Object.fromEntries(keys.map((k) => [k, from[k]])) as Record<K, Output<string>>;

export type RunnerDeps = { cluster: sst.aws.Cluster; key: KmsKey; modelArns: Input<Input<string>[]> };

/**
 * The test runner runs GENERATED agent code, so it gets the least of all: Bedrock invoke for
 * the models a test run may use, and no bucket access at all (it reads its own version's ZIP
 * through a presigned URL from the app's runner job). It reports through
 * the app's runner procedures with a per-run token, so it holds no realtime secret, no
 * table, no database and no session secret: nothing the agent could steal from its env.
 */
export function createTestRunner(d: RunnerDeps) {
  return new sst.aws.Task(NAMES.testRunner, {
    cluster: d.cluster,
    architecture: TEST_RUNNER.architecture,
    cpu: TEST_RUNNER.cpu,
    memory: TEST_RUNNER.memory,
    image: { context: ".", dockerfile: TEST_RUNNER.dockerfile },
    environment: {
      NODE_ENV: "production",
    },
    permissions: [bedrockStatement(d.modelArns)],
    logging: { retention: LOGS.ecsRetention },
    transform: { executionRole: executionRolePolicy(d.key, []) },
  });
}
