import type { CfnStatement } from "../iam";
import { HclBlock, HclExpr, block, expr, template, type HclValue } from "./hcl";

/**
 * CloudFormation values as Terraform expressions. The Terraform builders take the SAME
 * IAM statements and environment the CloudFormation builders use (server/generation/iam.ts
 * and the target builders) and translate them here, so the two IaC outputs cannot drift:
 * pseudo parameters become locals, parameters variables, resource references whatever the
 * builder's `refs` map says.
 */

/** A CloudFormation parameter's Terraform variable name: `OidcClientId` → `oidc_client_id`. */
export const snakeParameter = (name: string) => name.replace(/[A-Z]/g, (c, i: number) => (i === 0 ? c.toLowerCase() : `_${c.toLowerCase()}`));

/** What a CloudFormation name (`Ref`, `Fn::GetAtt` as `Res.Attr`, or `${Name}` in Fn::Sub) stands for in Terraform. */
export type RefMap = Record<string, HclExpr>;

const PSEUDO: RefMap = {
  "AWS::Partition": expr("local.partition"),
  "AWS::Region": expr("local.region"),
  "AWS::AccountId": expr("local.account_id"),
};

function resolve(name: string, refs: RefMap): HclExpr {
  const found = PSEUDO[name] ?? refs[name];
  if (!found) throw new Error(`No Terraform reference for the CloudFormation name '${name}'`);
  return found;
}

/** An Fn::Sub string as an HCL template: `${Name}` interpolated, `${!text}` literal `${text}`. */
function fromSub(text: string, refs: RefMap): HclExpr {
  const parts: Array<string | HclExpr> = [];
  let last = 0;
  for (const m of text.matchAll(/\$\{(!?)([^}]*)\}/g)) {
    parts.push(text.slice(last, m.index));
    parts.push(m[1] === "!" ? `\${${m[2]}}` : resolve(m[2]!, refs));
    last = m.index! + m[0].length;
  }
  parts.push(text.slice(last));
  return template(...parts.filter((p) => p !== ""));
}

/** Any CloudFormation value (literals, Ref, Fn::GetAtt, Fn::Sub, arrays, objects) as an HCL value. */
export function fromCfn(value: unknown, refs: RefMap): HclValue {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map((v) => fromCfn(v, refs));
  if (typeof value !== "object" || value === null) throw new Error(`Cannot translate ${String(value)} to HCL`);
  const v = value as Record<string, unknown>;
  if (typeof v.Ref === "string") return resolve(v.Ref, refs);
  if (Array.isArray(v["Fn::GetAtt"])) return resolve((v["Fn::GetAtt"] as string[]).join("."), refs);
  if (typeof v["Fn::Sub"] === "string") return fromSub(v["Fn::Sub"], refs);
  return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, fromCfn(inner, refs)]));
}

/** IAM statements as the `statement` blocks of a `data "aws_iam_policy_document"`. */
export function policyStatements(statements: CfnStatement[], refs: RefMap): HclBlock[] {
  return statements.map((s) => {
    const conditions = Object.entries(s.Condition ?? {}).flatMap(([test, pairs]) =>
      Object.entries(pairs).map(([variable, value]) => block({ test, variable, values: [value] })),
    );
    return block({
      sid: s.Sid,
      effect: s.Effect,
      actions: s.Action,
      resources: s.Resource.map((r) => fromCfn(r, refs)),
      condition: conditions.length > 0 ? conditions : undefined,
    });
  });
}

/** The trust policy of a role assumed by one AWS service, optionally only from this account. */
export function assumeRoleStatement(service: string, sourceAccount = false): HclBlock {
  return block({
    effect: "Allow",
    actions: ["sts:AssumeRole"],
    principals: block({ type: "Service", identifiers: [service] }),
    condition: sourceAccount ? block({ test: "StringEquals", variable: "aws:SourceAccount", values: [expr("local.account_id")] }) : undefined,
  });
}
