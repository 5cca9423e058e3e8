/**
 * Least privilege. Every role the stacks create (worker functions, the site's server, the
 * container task and execution roles) is read back from its policy document: no wildcard
 * action, "*" resources only where AWS offers nothing narrower, Bedrock only for the roles
 * that run the LanguageModel and only on named models, each queue consumed only by its
 * worker, and data actions only on the platform's own table and bucket.
 */
import type { Snapshot } from "../harness/run-stack";
import { allowing, named, ofType, queueNamed, roleNamed, roleStatements, type Statement } from "./query";
import { REQUIRED, ROLE_NAMES, ROLES, type Role } from "./requirements";

/** Actions with no resource-level permissions in IAM: "*" is their only valid resource. */
const STAR_ONLY = new Set(["xray:PutTraceSegments", "xray:PutTelemetryRecords", "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"]);
const MODEL_ARN = /^arn:aws:bedrock:[a-z0-9-*]+:(\d{12})?:(foundation-model|inference-profile)\/[a-z0-9][a-z0-9.:-]+$/;
const CONSUME = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility"];

function generic(name: string, statements: Statement[]): string[] {
  const v: string[] = [];
  for (const st of statements.filter((x) => x.Effect === "Allow")) {
    for (const action of st.Action) {
      if (action === "*" || action.endsWith(":*")) v.push(`${name}: wildcard action ${action}`);
      if (st.Resource.includes("*") && !STAR_ONLY.has(action)) v.push(`${name}: ${action} on every resource ("*")`);
    }
  }
  return v;
}

function bedrock(name: string, statements: Statement[], allowed: boolean): string[] {
  const grants = REQUIRED.bedrockActions.flatMap((a) => allowing(statements, a));
  if (!allowed) return grants.length ? [`${name}: may call Bedrock but does not run the LanguageModel`] : [];
  const v: string[] = [];
  for (const a of REQUIRED.bedrockActions) if (!allowing(statements, a).length) v.push(`${name}: missing ${a}`);
  for (const r of grants.flatMap((g) => g.Resource)) if (!MODEL_ARN.test(r)) v.push(`${name}: Bedrock on ${r}, not a named model`);
  return v;
}

function onlyOn(name: string, statements: Statement[], prefix: string, allowedResources: string[]): string[] {
  return statements
    .filter((st) => st.Action.some((a) => a.startsWith(prefix)))
    .flatMap((st) => st.Resource.filter((r) => !allowedResources.includes(r)).map((r) => `${name}: ${st.Action.join(",")} on foreign resource ${r}`));
}

export function checkLeastPrivilege(s: Snapshot): string[] {
  const table = named(s, "aws:dynamodb/table:Table", `${REQUIRED.table.component}Table`)?.state.arn;
  const bucket = named(s, "aws:s3/bucket:Bucket", `${REQUIRED.bucket}Bucket`)?.state.arn;
  const own = { table: [table, `${table}/index/*`], bucket: [bucket, `${bucket}/*`] };
  const roleQueues = ROLES.map((r) => queueNamed(s, ROLE_NAMES[r].queue)?.state.arn);
  const v: string[] = [];

  const check = (name: string, opts: { bedrock: boolean; consumes?: string }) => {
    const role = roleNamed(s, name);
    if (!role) return v.push(`${name}: role is missing`);
    const st = roleStatements(role);
    v.push(...generic(name, st), ...bedrock(name, st, opts.bedrock));
    v.push(...onlyOn(name, st, "dynamodb:", own.table as string[]), ...onlyOn(name, st, "s3:", own.bucket as string[]));
    for (const a of CONSUME) {
      for (const r of allowing(st, a).flatMap((x) => x.Resource)) if (r !== opts.consumes) v.push(`${name}: ${a} on ${r}, not its own queue`);
    }
    for (const r of allowing(st, "sqs:SendMessage").flatMap((x) => x.Resource)) if (!roleQueues.includes(r)) v.push(`${name}: sends to ${r}, not a worker queue`);
  };

  for (const role of ROLES as readonly Role[]) {
    check(`${ROLE_NAMES[role].fn}Role`, { bedrock: REQUIRED.bedrockRoles.includes(role), consumes: queueNamed(s, ROLE_NAMES[role].queue)?.state.arn });
  }
  check("WebServerRole", { bedrock: false });
  check("SweeperRole", { bedrock: false });
  check("RealtimeTaskRole", { bedrock: false });
  check("TestRunnerTaskRole", { bedrock: true });
  const runner = roleStatements(roleNamed(s, "TestRunnerTaskRole"));
  // No s3:GetObject either: it reads its own version's ZIP through a presigned URL, never the bucket.
  for (const a of ["s3:GetObject", "s3:ListBucket", "s3:PutObject", "s3:DeleteObject", "dynamodb:GetItem", "sqs:SendMessage"]) {
    if (allowing(runner, a).length) v.push(`TestRunnerTaskRole: runs generated code and must not have ${a}`);
  }
  for (const exec of ofType(s, "aws:iam/role:Role").filter((r) => r.name.endsWith("ExecutionRole"))) v.push(...generic(exec.name, roleStatements(exec)));
  return v;
}
