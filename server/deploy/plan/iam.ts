import type { CfnResource, CfnTemplate } from "./iac";

/** IAM as the plan shows it: plain strings, CloudFormation intrinsics rendered as `${…}`. */
export type PlanStatement = { sid: string | null; effect: string; actions: string[]; resources: string[]; condition: unknown };
export type AgentRole = { logicalId: string; trustedBy: string[]; managedPolicies: string[]; statements: PlanStatement[] };

/** A CloudFormation value as readable text: `!Sub` keeps its template, `!Ref X` → `${X}`, `!GetAtt A.B` → `${A.B}`. */
export function cfnText(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.Ref === "string") return `\${${o.Ref}}`;
    if (o["Fn::Sub"] !== undefined) return cfnText(Array.isArray(o["Fn::Sub"]) ? o["Fn::Sub"][0] : o["Fn::Sub"]);
    if (Array.isArray(o["Fn::GetAtt"])) return `\${${(o["Fn::GetAtt"] as unknown[]).map(cfnText).join(".")}}`;
    if (Array.isArray(o["Fn::Join"])) {
      const [sep, parts] = o["Fn::Join"] as [unknown, unknown];
      return (Array.isArray(parts) ? parts : []).map(cfnText).join(cfnText(sep));
    }
  }
  return JSON.stringify(v);
}

const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

function statements(document: unknown): PlanStatement[] {
  const doc = (document ?? {}) as Record<string, unknown>;
  return list(doc.Statement).map((raw) => {
    const s = (raw ?? {}) as Record<string, unknown>;
    return {
      sid: typeof s.Sid === "string" ? s.Sid : null,
      effect: String(s.Effect ?? "Allow"),
      actions: list(s.Action).map(cfnText),
      resources: list(s.Resource).map(cfnText),
      condition: s.Condition ?? null,
    };
  });
}

function principals(role: CfnResource): string[] {
  const doc = (role.properties.AssumeRolePolicyDocument ?? {}) as Record<string, unknown>;
  return list(doc.Statement).flatMap((raw) => {
    const p = ((raw ?? {}) as Record<string, unknown>).Principal as Record<string, unknown> | undefined;
    return p ? Object.values(p).flatMap((v) => list(v).map(cfnText)) : [];
  });
}

/** Every role the stack creates with what it may do: inline policies, managed policies and AWS::IAM::Policy resources attached to it. */
export function agentRoles(template: CfnTemplate): AgentRole[] {
  const roles = template.resources.filter((r) => r.type === "AWS::IAM::Role");
  const attached = template.resources.filter((r) => r.type === "AWS::IAM::Policy" || r.type === "AWS::IAM::ManagedPolicy");
  return roles.map((role) => {
    const inline = list(role.properties.Policies).flatMap((p) => statements((p as Record<string, unknown>)?.PolicyDocument));
    const extra = attached
      .filter((p) => list(p.properties.Roles).some((r) => cfnText(r) === `\${${role.logicalId}}`))
      .flatMap((p) => statements(p.properties.PolicyDocument));
    return {
      logicalId: role.logicalId,
      trustedBy: principals(role),
      managedPolicies: list(role.properties.ManagedPolicyArns).map(cfnText),
      statements: [...inline, ...extra],
    };
  });
}
