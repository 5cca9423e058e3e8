/**
 * SST's container and web components, a SUBSET of their real signatures copied from SST
 * v4.17.0 (anomalyco/sst@8bfe1c1): aws/vpc.ts, cluster.ts, service.ts, task.ts, fargate.ts,
 * router.ts, cdn.ts, nextjs.ts, ssr-site.ts, apigatewayv2.ts.
 */
import type { ComponentResource, ComponentResourceOptions, Input, Output } from "@pulumi/pulumi";
import type * as a from "@pulumi/aws";
import type { Duration, FargateBaseArgs, FunctionArgs, Port } from "./sst-components";

type DurationSeconds = `${number} ${"second" | "seconds"}`;
type DurationMinutes = `${number} ${"second" | "seconds" | "minute" | "minutes"}`;
type Size = `${number} ${"MB" | "GB"}`;
type Retention = "1 day" | "3 days" | "1 week" | "2 weeks" | "1 month";
/** cdn.ts CdnDomainArgs */
type DomainArgs = Input<string | { name: Input<string>; redirects?: Input<string[]>; aliases?: Input<string[]>; cert?: Input<string> }>;

declare global {
  namespace sst.aws {
    /** aws/vpc.ts: no `nat` means no NAT gateway (containers use public subnets). */
    class Vpc extends ComponentResource {
      constructor(name: string, args?: { az?: Input<number>; nat?: Input<"ec2" | "managed">; bastion?: Input<boolean> }, opts?: ComponentResourceOptions);
      get id(): Output<string>;
    }

    /** aws/cluster.ts */
    class Cluster extends ComponentResource {
      constructor(name: string, args: { vpc: Vpc; transform?: { cluster?: SstTransform<a.ecs.ClusterArgs> } }, opts?: ComponentResourceOptions);
      get nodes(): { cluster: Output<a.ecs.Cluster> };
    }

    /** aws/service.ts */
    class Service extends ComponentResource {
      constructor(name: string, args: FargateBaseArgs & {
        loadBalancer?: Input<{
          public?: Input<boolean>;
          domain?: Input<string | { name: Input<string>; cert?: Input<string> }>;
          rules?: Input<{ listen: Input<Port>; forward?: Input<Port>; redirect?: Input<Port> }[]>;
          health?: Input<Record<Port, Input<{ path?: Input<string>; interval?: Input<DurationMinutes>; timeout?: Input<DurationMinutes>; healthyThreshold?: Input<number>; unhealthyThreshold?: Input<number>; successCodes?: Input<string> }>>>;
        }>;
        scaling?: Input<{ min?: Input<number>; max?: Input<number> }>;
        capacity?: Input<"spot">;
        health?: Input<{ command: Input<string[]>; startPeriod?: Input<DurationMinutes>; timeout?: Input<DurationMinutes>; interval?: Input<DurationMinutes>; retries?: Input<number> }>;
        transform?: FargateBaseArgs["transform"] & {
          service?: SstTransform<a.ecs.ServiceArgs>;
          loadBalancer?: SstTransform<a.lb.LoadBalancerArgs>;
          target?: SstTransform<a.lb.TargetGroupArgs>;
        };
      }, opts?: ComponentResourceOptions);
      get url(): Output<string>;
      get nodes(): {
        service: Output<a.ecs.Service>;
        taskRole: a.iam.Role;
        executionRole: a.iam.Role | undefined;
        taskDefinition: Output<a.ecs.TaskDefinition>;
        loadBalancer: a.lb.LoadBalancer;
      };
    }

    /** aws/task.ts */
    class Task extends ComponentResource {
      constructor(name: string, args: FargateBaseArgs & { publicIp?: boolean }, opts?: ComponentResourceOptions);
      get taskDefinition(): Output<string>;
      get containers(): Output<Output<string>[]>;
      get cluster(): Output<string>;
      get securityGroups(): Output<Input<string>[]>;
      get subnets(): Output<Input<string>[]>;
      get assignPublicIp(): Output<boolean>;
      get nodes(): { executionRole: a.iam.Role; taskRole: a.iam.Role; taskDefinition: Output<a.ecs.TaskDefinition> };
    }

    /** aws/router.ts */
    class Router extends ComponentResource {
      constructor(name: string, args?: { domain?: DomainArgs; protection?: Input<"none" | "oac" | "oac-with-edge-signing"> }, opts?: ComponentResourceOptions);
      get url(): Output<string>;
      route(pattern: Input<string>, url: Input<string>, args?: Input<{ readTimeout?: Input<DurationSeconds>; keepAliveTimeout?: Input<DurationSeconds>; connectionTimeout?: Input<DurationSeconds> }>): void;
    }

    /** aws/nextjs.ts + ssr-site.ts */
    class Nextjs extends ComponentResource {
      constructor(name: string, args?: {
        path?: string;
        link?: Input<any[]>;
        environment?: Input<Record<string, Input<string>>>;
        permissions?: FunctionArgs["permissions"];
        router?: { instance: Input<Router>; domain?: Input<string>; path?: Input<string> };
        server?: { memory?: FunctionArgs["memory"]; timeout?: FunctionArgs["timeout"]; architecture?: FunctionArgs["architecture"]; runtime?: Input<"nodejs20.x" | "nodejs22.x" | "nodejs24.x"> };
        warm?: Input<number>;
        transform?: { server?: SstTransform<FunctionArgs> };
      }, opts?: ComponentResourceOptions);
      get url(): Output<string>;
      get nodes(): { server: Output<sst.aws.Function> | undefined };
    }

    /** aws/apigatewayv2.ts */
    class ApiGatewayV2 extends ComponentResource {
      constructor(name: string, args?: {
        link?: FunctionArgs["link"];
        cors?: Input<boolean | {
          allowCredentials?: Input<boolean>;
          allowHeaders?: Input<Input<string>[]>;
          allowOrigins?: Input<Input<string>[]>;
          allowMethods?: Input<Input<"*" | "DELETE" | "GET" | "HEAD" | "OPTIONS" | "PATCH" | "POST" | "PUT">[]>;
          exposeHeaders?: Input<Input<string>[]>;
          maxAge?: Input<Duration>;
        }>;
        accessLog?: Input<{ retention?: Input<Retention> }>;
        transform?: { api?: SstTransform<a.apigatewayv2.ApiArgs>; stage?: SstTransform<a.apigatewayv2.StageArgs> };
      }, opts?: ComponentResourceOptions);
      get url(): Output<string>;
      get nodes(): { api: a.apigatewayv2.Api };
      route(rawRoute: string, handler: Input<string | FunctionArgs>, args?: { auth?: Input<false> }): ComponentResource;
    }
  }
}

export {};
