/**
 * Pulumi mocks that record every resource the stacks register, with its resolved inputs,
 * and answer with the outputs AWS would compute (ARNs, names, URLs) so later resources can
 * reference them. Nothing here decides whether a resource is right; the rules do that.
 */
import * as pulumi from "@pulumi/pulumi";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

export type Recorded = { type: string; name: string; custom: boolean; inputs: Record<string, any>; state: Record<string, any> };

/** Pulumi marks secrets as {sig: value} in mock inputs; rules want the plain value. */
export function unwrapSecrets(v: any): any {
  if (Array.isArray(v)) return v.map(unwrapSecrets);
  if (v && typeof v === "object") {
    if (SECRET_SIG in v) return unwrapSecrets(v.value);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrapSecrets(x)]));
  }
  return v;
}

function computedState(type: string, name: string, inputs: Record<string, any>): Record<string, any> {
  const physical = inputs.name ?? `${name.toLowerCase()}-abc1234${inputs.fifoQueue ? ".fifo" : ""}`;
  const arn = (svc: string, res: string) => `arn:aws:${svc}:${REGION}:${ACCOUNT}:${res}`;
  switch (type) {
    case "aws:sqs/queue:Queue":
      return { name: physical, arn: arn("sqs", physical), url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${physical}` };
    case "aws:dynamodb/table:Table":
      return { name: physical, arn: arn("dynamodb", `table/${physical}`) };
    case "aws:s3/bucket:Bucket":
      return { bucket: physical, arn: `arn:aws:s3:::${physical}`, bucketDomainName: `${physical}.s3.amazonaws.com` };
    case "aws:lambda/function:Function":
      return { name: physical, arn: arn("lambda", `function:${physical}`), qualifiedArn: arn("lambda", `function:${physical}:$LATEST`), invokeArn: `invoke:${physical}`, publish: false };
    case "aws:iam/role:Role":
      return { name: physical, arn: `arn:aws:iam::${ACCOUNT}:role/${physical}` };
    case "aws:kms/key:Key":
      return { keyId: "key-id-1", arn: arn("kms", "key/key-id-1") };
    case "aws:ecs/cluster:Cluster":
      return { name: physical, arn: arn("ecs", `cluster/${physical}`) };
    case "aws:ecs/taskDefinition:TaskDefinition":
      return { arn: arn("ecs", `task-definition/${inputs.family}:1`), arnWithoutRevision: arn("ecs", `task-definition/${inputs.family}`) };
    case "aws:lb/loadBalancer:LoadBalancer":
      return { arn: arn("elasticloadbalancing", `loadbalancer/app/${physical}/50dc6c495c0c9188`), arnSuffix: `app/${physical}/50dc6c495c0c9188`, dnsName: `${physical}.${REGION}.elb.amazonaws.com` };
    case "aws:apigatewayv2/api:Api":
      return { apiEndpoint: `https://api0123.execute-api.${REGION}.amazonaws.com`, executionArn: arn("execute-api", "api0123"), arn: arn("apigateway", "/apis/api0123") };
    case "aws:cloudfront/distribution:Distribution":
      return { domainName: "d1234abcd.cloudfront.net" };
    default:
      return { name: physical, arn: arn(type.split(":")[1]!.split("/")[0]!, physical) };
  }
}

export function installMocks() {
  const recorded: Recorded[] = [];
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        const inputs = unwrapSecrets(args.inputs);
        const state = { ...inputs, ...(args.custom ? computedState(args.type, args.name, inputs) : {}) };
        recorded.push({ type: args.type, name: args.name, custom: args.custom ?? false, inputs, state });
        return { id: `${args.name}-id`, state };
      },
      call(args) {
        if (args.token === "aws:index/getCallerIdentity:getCallerIdentity") return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/deployer`, userId: "AIDA" };
        if (args.token === "aws:index/getPartition:getPartition") return { partition: "aws", dnsSuffix: "amazonaws.com" };
        if (args.token === "aws:index/getRegion:getRegion") return { name: REGION, region: REGION };
        throw new Error(`unmocked call ${args.token}`);
      },
    },
    "agent-builder",
    "production",
    false,
  );
  return recorded;
}
