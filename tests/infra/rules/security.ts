/** Secrets and the public edge: KMS, where secret values may appear, throttling, CORS, HTTPS. */
import type { Snapshot } from "../harness/run-stack";
import { component, named, ofType } from "./query";
import { REQUIRED } from "./requirements";

export function checkKey(s: Snapshot): string[] {
  const key = ofType(s, "aws:kms/key:Key")[0];
  if (!key) return ["no customer-managed KMS key"];
  const v: string[] = [];
  if (key.inputs.enableKeyRotation !== true) v.push("KMS key rotation is off");
  const statements = JSON.parse(key.inputs.policy ?? "{}").Statement ?? [];
  if (!statements.some((st: any) => st.Principal?.Service === "cloudwatch.amazonaws.com")) v.push("KMS key policy does not let CloudWatch alarms use the encrypted topic");
  if (!statements.some((st: any) => String(st.Principal?.AWS ?? "").endsWith(":root"))) v.push("KMS key policy has no account statement (the key could become unmanageable)");
  return v;
}

/**
 * Secret values may sit only in KMS-encrypted places: Lambda environments under the platform
 * key and SSM SecureString parameters. Never in a task definition (readable with
 * ecs:DescribeTaskDefinition) or any other resource.
 */
export function checkSecretPlacement(s: Snapshot): string[] {
  const v: string[] = [];
  const key = ofType(s, "aws:kms/key:Key")[0]?.state.arn;
  for (const [name, value] of Object.entries(s.secretValues)) {
    for (const r of s.resources) {
      if (!r.custom || !JSON.stringify(r.inputs).includes(value)) continue;
      if (r.type === "aws:lambda/function:Function" && r.inputs.kmsKeyArn === key) continue;
      if (r.type === "aws:ssm/parameter:Parameter" && r.inputs.type === "SecureString" && r.inputs.keyId === key) continue;
      v.push(`secret ${name} appears in plain text in ${r.type} ${r.name}`);
    }
  }
  for (const name of REQUIRED.secrets.required) {
    const secret = component(s, "Secret", name);
    if (!secret) v.push(`secret ${name} is not declared`);
    else if (secret.args.required !== true) v.push(`secret ${name} has a placeholder, so a deploy without it would not fail`);
  }
  for (const name of REQUIRED.secrets.optional) if (!component(s, "Secret", name)) v.push(`optional secret ${name} is not declared`);
  return v;
}

export function checkEdge(s: Snapshot): string[] {
  const v: string[] = [];
  const stage = ofType(s, "aws:apigatewayv2/stage:Stage")[0]?.inputs;
  const rate = stage?.defaultRouteSettings?.throttlingRateLimit;
  const burst = stage?.defaultRouteSettings?.throttlingBurstLimit;
  if (rate !== REQUIRED.api.ratePerSecond) v.push(`API throttle is ${rate} req/s, expected ${REQUIRED.api.ratePerSecond}`);
  if (!(burst > 0 && burst >= (rate ?? 0))) v.push(`API burst ${burst} must be set and at least the rate`);
  const origins: string[] = ofType(s, "aws:apigatewayv2/api:Api")[0]?.inputs.corsConfiguration?.allowOrigins ?? ["*"];
  if (origins.length !== 1 || origins[0] !== s.outputs.url) v.push(`API CORS allows ${origins.join(",")}, expected only the site's origin ${s.outputs.url}`);
  const api = ofType(s, "aws:apigatewayv2/api:Api")[0]?.state.apiEndpoint;
  if (!s.routes.some((r) => r.pattern === "/api" && r.url === api)) v.push("the site's /api path does not go through the throttled API");
  const proxy = ofType(s, "aws:apigatewayv2/route:Route").some((r) => r.inputs.routeKey === "ANY /api/{proxy+}");
  if (!proxy) v.push("the API has no ANY /api/{proxy+} route to the site's server");
  const cdn = ofType(s, "aws:cloudfront/distribution:Distribution");
  if (!cdn.length || cdn.some((d) => d.inputs.defaultCacheBehavior?.viewerProtocolPolicy === "allow-all")) v.push("the site is reachable over plain HTTP");
  if (!String(s.outputs.url ?? "").startsWith("https://")) v.push("the site URL is not HTTPS");
  return v;
}

export function checkRealtime(s: Snapshot): string[] {
  const v: string[] = [];
  const name = REQUIRED.realtime.component;
  const task = named(s, "aws:ecs/taskDefinition:TaskDefinition", `${name}Task`)?.inputs;
  if (!task) return ["realtime task definition is missing"];
  if (task.runtimePlatform?.cpuArchitecture !== REQUIRED.realtime.architecture) v.push(`realtime runs on ${task.runtimePlatform?.cpuArchitecture}, expected ARM64`);
  if (task.cpu !== REQUIRED.realtime.cpu || task.memory !== REQUIRED.realtime.memory) v.push(`realtime is ${task.cpu} CPU / ${task.memory} MB, expected 256 / 512`);
  if (!s.routes.some((r) => r.pattern === "/realtime" && r.url === s.outputs.realtime)) v.push("the site does not route /realtime to the WebSocket service");
  const runner = named(s, "aws:ecs/taskDefinition:TaskDefinition", "TestRunnerTask")?.inputs;
  if (runner?.runtimePlatform?.cpuArchitecture !== "ARM64") v.push("test runner task definition is missing or not ARM64");
  for (const t of [task, runner]) {
    if (!t) continue;
    const groups = JSON.parse(t.containerDefinitions).map((c: any) => c.logConfiguration?.options?.["awslogs-group"]);
    for (const g of groups) {
      const days = ofType(s, "aws:cloudwatch/logGroup:LogGroup").find((x) => x.inputs.name === g)?.inputs.retentionInDays;
      if (days !== REQUIRED.logRetentionDays) v.push(`container log group ${g} keeps logs ${days} days, expected ${REQUIRED.logRetentionDays}`);
    }
  }
  return v;
}
