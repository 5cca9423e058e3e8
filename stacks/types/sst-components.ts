/**
 * The SST components stacks/ uses, a SUBSET of their real signatures copied from SST v4.17.0
 * (anomalyco/sst@8bfe1c1, platform/src/components/**). Only the arguments and getters the
 * stacks touch are declared; unknown fields are type errors on purpose.
 */
import type { ComponentResource, ComponentResourceOptions, Input, Output } from "@pulumi/pulumi";
import type * as a from "@pulumi/aws";

type Duration = `${number} ${"second" | "seconds" | "minute" | "minutes" | "hour" | "hours" | "day" | "days"}`;
type DurationMinutes = `${number} ${"second" | "seconds" | "minute" | "minutes"}`;
type DurationHours = `${number} ${"second" | "seconds" | "minute" | "minutes" | "hour" | "hours"}`;
type Size = `${number} ${"MB" | "GB"}`;
type Retention = "1 day" | "3 days" | "5 days" | "1 week" | "2 weeks" | "1 month" | "3 months" | "6 months" | "1 year" | "forever";
type Port = `${number}/${"http" | "https" | "tcp" | "udp" | "tcp_udp" | "tls"}`;

/** aws/function.ts FunctionPermissionArgs */
type PermissionArgs = {
  effect?: "allow" | "deny";
  actions: string[];
  resources: Input<Input<string>[]>;
  conditions?: Input<Input<{ test: Input<string>; variable: Input<string>; values: Input<Input<string>[]> }>[]>;
};

/** link.ts Link.Definition */
type LinkDefinition = { properties: Record<string, any>; include?: { type: string; [key: string]: any }[] };

/** aws/function.ts FunctionArgs (subset) */
interface FunctionArgs {
  description?: Input<string>;
  runtime?: Input<"nodejs20.x" | "nodejs22.x" | "nodejs24.x">;
  handler: Input<string>;
  timeout?: Input<DurationMinutes>;
  memory?: Input<Size>;
  environment?: Input<Record<string, Input<string>>>;
  permissions?: Input<PermissionArgs[]>;
  link?: Input<any[]>;
  logging?: Input<false | { retention?: Input<Retention>; logGroup?: Input<string>; format?: Input<"text" | "json"> }>;
  architecture?: Input<"x86_64" | "arm64">;
  concurrency?: Input<{ provisioned?: Input<number>; reserved?: Input<number> }>;
  copyFiles?: Input<{ from: Input<string>; to?: Input<string> }[]>;
  nodejs?: Input<{ install?: Input<string[] | Record<string, string>>; format?: Input<"cjs" | "esm">; sourcemap?: Input<boolean> }>;
  transform?: {
    function?: SstTransform<a.lambda.FunctionArgs>;
    role?: SstTransform<a.iam.RoleArgs>;
    logGroup?: SstTransform<a.cloudwatch.LogGroupArgs>;
  };
}

/** aws/fargate.ts FargateBaseArgs (subset) */
interface FargateBaseArgs {
  cluster: sst.aws.Cluster;
  architecture?: Input<"x86_64" | "arm64">;
  cpu?: "0.25 vCPU" | "0.5 vCPU" | "1 vCPU" | "2 vCPU" | "4 vCPU";
  memory?: `${number} GB`;
  link?: FunctionArgs["link"];
  permissions?: FunctionArgs["permissions"];
  image?: Input<string | { context?: Input<string>; dockerfile?: Input<string> }>;
  environment?: FunctionArgs["environment"];
  ssm?: Input<Record<string, Input<string>>>;
  logging?: Input<{ retention?: Input<Retention>; name?: Input<string> }>;
  transform?: {
    executionRole?: SstTransform<a.iam.RoleArgs>;
    taskRole?: SstTransform<a.iam.RoleArgs>;
    taskDefinition?: SstTransform<a.ecs.TaskDefinitionArgs>;
    logGroup?: SstTransform<a.cloudwatch.LogGroupArgs>;
  };
}

declare global {
  namespace sst {
    /** components/secret.ts */
    class Secret extends ComponentResource {
      constructor(name: string, placeholder?: Input<string>);
      get name(): Output<string>;
      get value(): Output<string>;
    }
    /** components/linkable.ts */
    class Linkable<T extends Record<string, any>> extends ComponentResource {
      constructor(name: string, definition: LinkDefinition & { properties: T });
      static wrap<R>(cls: { new (...args: any[]): R }, cb: (resource: R) => LinkDefinition): void;
    }
    namespace aws {
      /** aws/permission.ts */
      function permission(input: PermissionArgs): PermissionArgs & { type: "aws.permission" };

      /** aws/dynamo.ts */
      class Dynamo extends ComponentResource {
        constructor(name: string, args: {
          fields: Input<Record<string, "string" | "number" | "binary">>;
          primaryIndex: Input<{ hashKey: Input<string>; rangeKey?: Input<string> }>;
          globalIndexes?: Input<Record<string, Input<{ hashKey: Input<string | string[]>; rangeKey?: Input<string | string[]>; projection?: Input<"all" | "keys-only" | Input<string>[]> }>>>;
          ttl?: Input<string>;
          deletionProtection?: Input<boolean>;
          transform?: { table?: SstTransform<a.dynamodb.TableArgs> };
        }, opts?: ComponentResourceOptions);
        get arn(): Output<string>;
        get name(): Output<string>;
        get nodes(): { table: Output<a.dynamodb.Table> };
      }

      /** aws/bucket.ts */
      class Bucket extends ComponentResource {
        constructor(name: string, args?: {
          enforceHttps?: Input<boolean>;
          versioning?: Input<boolean>;
          transform?: {
            bucket?: SstTransform<a.s3.BucketArgs>;
            versioning?: SstTransform<a.s3.BucketVersioningArgs>;
            publicAccessBlock?: SstTransform<a.s3.BucketPublicAccessBlockArgs> | false;
          };
        }, opts?: ComponentResourceOptions);
        get name(): Output<string>;
        get arn(): Output<string>;
        get nodes(): { bucket: Output<a.s3.Bucket> };
      }

      /** aws/queue.ts */
      class Queue extends ComponentResource {
        constructor(name: string, args?: {
          fifo?: Input<boolean | { contentBasedDeduplication?: Input<boolean> }>;
          visibilityTimeout?: Input<DurationHours>;
          dlq?: Input<string | { queue: Input<string>; retry: Input<number> }>;
          transform?: { queue?: SstTransform<a.sqs.QueueArgs> };
        }, opts?: ComponentResourceOptions);
        get arn(): Output<string>;
        get url(): Output<string>;
        get nodes(): { queue: a.sqs.Queue };
        subscribe(
          subscriber: Input<string | FunctionArgs>,
          args?: { batch?: Input<{ size?: Input<number>; window?: Input<DurationMinutes>; partialResponses?: Input<boolean> }> },
          opts?: ComponentResourceOptions,
        ): Output<ComponentResource>;
      }

      /** aws/function.ts */
      class Function extends ComponentResource {
        constructor(name: string, args: FunctionArgs, opts?: ComponentResourceOptions);
        get name(): Output<string>;
        get arn(): Output<string>;
        get nodes(): { role: a.iam.Role; function: Output<a.lambda.Function>; logGroup: Output<a.cloudwatch.LogGroup | undefined> };
      }
    }
  }
}

export type { FunctionArgs, FargateBaseArgs, Duration, Port, PermissionArgs, LinkDefinition };
