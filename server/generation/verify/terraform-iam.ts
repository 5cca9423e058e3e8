import type { ParsedYaml } from "./iac";
import type { TerraformConfig } from "./terraform";
import type { Finding } from "./types";

/**
 * The Terraform grants exactly what the CloudFormation template grants: the same policy
 * statements (sid, actions, resources, conditions) and the same managed policies, compared
 * after both are written with neutral placeholders for partition, region, account and the
 * secret name. A statement only one of them has is named.
 */

type Json = Record<string, unknown>;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

// Resources both IaC outputs create, by their CloudFormation name and their Terraform address.
const CFN_NAMES: Record<string, string> = {
  "AWS::Partition": "{partition}",
  "AWS::Region": "{region}",
  "AWS::AccountId": "{account}",
  SecretName: "{secret_name}",
  "ConversationTable.Arn": "{conversation_table_arn}",
  "AgentGuardrail.GuardrailId": "{guardrail_id}",
  "AgentGuardrail.GuardrailArn": "{guardrail_arn}",
};
const TF_NAMES: Record<string, string> = {
  "local.partition": "{partition}",
  "local.region": "{region}",
  "local.account_id": "{account}",
  "var.secret_name": "{secret_name}",
  "aws_dynamodb_table.conversation.arn": "{conversation_table_arn}",
  "aws_bedrock_guardrail.agent.guardrail_id": "{guardrail_id}",
  "aws_bedrock_guardrail.agent.guardrail_arn": "{guardrail_arn}",
};

function cfnText(value: unknown): string {
  if (typeof value === "string") return value;
  const v = value as Json;
  if (typeof v?.["Fn::Sub"] === "string") {
    return (v["Fn::Sub"] as string).replace(/\$\{(!?)([^}]*)\}/g, (_, bang: string, name: string) => (bang ? `\${${name}}` : (CFN_NAMES[name] ?? `{${name}}`)));
  }
  if (typeof v?.Ref === "string") return CFN_NAMES[v.Ref as string] ?? `{${v.Ref}}`;
  if (Array.isArray(v?.["Fn::GetAtt"])) {
    const name = (v["Fn::GetAtt"] as string[]).join(".");
    return CFN_NAMES[name] ?? `{${name}}`;
  }
  return JSON.stringify(value);
}

const tfText = (value: unknown): string =>
  String(value)
    .replace(/\$\$\{/g, "\u0000")
    .replace(/\$\{([^}]*)\}/g, (_, name: string) => TF_NAMES[name] ?? `{${name}}`)
    .replace(/\u0000/g, "${");

const canonical = (sid: unknown, actions: unknown, resources: string[], conditions: string[]) =>
  JSON.stringify({ sid: sid ?? null, actions: list(actions).map(String).sort(), resources: [...resources].sort(), conditions: [...conditions].sort() });

function cfnStatements(parsed: ParsedYaml): { statements: string[]; managed: string[] } {
  const resources = (parsed.doc.toJS() as { Resources?: Record<string, { Type?: string; Properties?: Json }> }).Resources ?? {};
  const statements: string[] = [];
  const managed: string[] = [];
  for (const r of Object.values(resources)) {
    if (r.Type !== "AWS::IAM::Role") continue;
    managed.push(...list(r.Properties?.ManagedPolicyArns).map(cfnText));
    for (const policy of list(r.Properties?.Policies) as Json[]) {
      for (const s of list((policy.PolicyDocument as Json)?.Statement) as Json[]) {
        const conditions = Object.entries((s.Condition ?? {}) as Record<string, Record<string, unknown>>).flatMap(([test, pairs]) =>
          Object.entries(pairs).map(([variable, values]) => `${test} ${variable} ${list(values).map(cfnText).join(",")}`),
        );
        statements.push(canonical(s.Sid, s.Action, list(s.Resource).map(cfnText), conditions));
      }
    }
  }
  return { statements, managed };
}

function tfStatements(config: TerraformConfig): { statements: string[]; managed: string[] } {
  const attached = new Set(
    Object.values(config.resource.aws_iam_role_policy ?? {})
      .flat()
      .map((p) => /data\.aws_iam_policy_document\.([a-z0-9_]+)\.json/.exec(String(p.policy))?.[1]),
  );
  const statements: string[] = [];
  for (const [name, bodies] of Object.entries(config.data.aws_iam_policy_document ?? {})) {
    if (!attached.has(name)) continue;
    for (const s of bodies.flatMap((b) => list(b.statement) as Json[])) {
      const conditions = (list(s.condition) as Json[]).map((c) => `${c.test} ${c.variable} ${list(c.values).map(tfText).join(",")}`);
      statements.push(canonical(s.sid, s.actions, list(s.resources).map(tfText), conditions));
    }
  }
  const managed = Object.values(config.resource.aws_iam_role_policy_attachment ?? {})
    .flat()
    .map((a) => tfText(a.policy_arn));
  return { statements, managed };
}

/** Statements and managed policies in one and not the other, as findings on the Terraform file. */
export function checkTerraformIam(cfn: ParsedYaml, config: TerraformConfig, file: string): Finding[] {
  const a = cfnStatements(cfn);
  const b = tfStatements(config);
  const findings: Finding[] = [];
  const diff = (what: string, left: string[], right: string[], message: string) => {
    const remaining = [...right];
    for (const item of left) {
      const i = remaining.indexOf(item);
      if (i >= 0) remaining.splice(i, 1);
      else findings.push({ check: "terraform", file, message: `${message}: ${what} ${item}`, severity: "error" });
    }
  };
  diff("statement", a.statements, b.statements, "grants less than infra/cloudformation.yaml (missing)");
  diff("statement", b.statements, a.statements, "grants more than infra/cloudformation.yaml (extra)");
  diff("managed policy", a.managed, b.managed, "is missing a managed policy infra/cloudformation.yaml attaches");
  diff("managed policy", b.managed, a.managed, "attaches a managed policy infra/cloudformation.yaml does not");
  return findings;
}
