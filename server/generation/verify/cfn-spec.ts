import { loadAwsServiceSpecSync } from "@aws-cdk/aws-service-spec";
import { lineOf, type ParsedYaml } from "./iac";
import type { Finding } from "./types";

/**
 * CloudFormation checked against the published resource specification (the CloudFormation
 * registry schemas as packaged in @aws-cdk/aws-service-spec, pinned in package.json):
 * resource types exist, property names exist (nested ones too), required properties are
 * set, and every Ref, Fn::GetAtt and Fn::Sub points at a parameter, resource, pseudo
 * parameter or a real attribute.
 */

type SpecDb = ReturnType<typeof loadAwsServiceSpecSync>;
type PropType = { type: string; element?: PropType; reference?: { $ref: string }; inner?: PropType[] };
type Prop = { type?: PropType; required?: boolean; previousTypes?: PropType[] };
type ResourceSpec = { properties: Record<string, Prop>; attributes: Record<string, unknown> };

// Loading the database takes ~3 s: once per process, on first use.
let db: SpecDb | undefined;
const specDb = () => (db ??= loadAwsServiceSpecSync());

const PSEUDO = new Set(["AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix"]);
const MAX_DEPTH = 6;

function resourceSpec(type: string): ResourceSpec | undefined {
  const found = specDb().lookup("resource", "cloudFormationType", "equals", type);
  return found.length > 0 ? (found[0] as unknown as ResourceSpec) : undefined;
}

function typeDefinition(ref: string): Record<string, Prop> | undefined {
  try {
    return (specDb().get("typeDefinition", ref) as unknown as { properties: Record<string, Prop> }).properties;
  } catch {
    return undefined;
  }
}

const isIntrinsic = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && /^(Ref|Fn::|Condition)/.test(Object.keys(v)[0]!);

/** Unknown property names inside `value`, described by `type` (objects through their type definitions). */
function nestedUnknown(value: unknown, type: PropType | undefined, at: string, out: string[], depth = 0): void {
  if (!type || depth > MAX_DEPTH || value === null || value === undefined || isIntrinsic(value)) return;
  if (type.type === "array" && Array.isArray(value)) value.forEach((v, i) => nestedUnknown(v, type.element, `${at}[${i}]`, out, depth + 1));
  else if (type.type === "ref" && type.reference && typeof value === "object" && !Array.isArray(value)) {
    const props = typeDefinition(type.reference.$ref);
    if (!props) return;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (!(k in props)) out.push(`${at}.${k} is not a property`);
      else nestedUnknown(v, props[k]!.type, `${at}.${k}`, out, depth + 1);
    }
    for (const [k, p] of Object.entries(props)) if (p.required && !(k in (value as object))) out.push(`${at}.${k} is required`);
  }
}

/** Every Ref / GetAtt / Sub reference in a value, with where it is. */
function references(value: unknown, visit: (kind: "Ref" | "GetAtt", target: string, attr?: string) => void): void {
  if (Array.isArray(value)) return value.forEach((v) => references(v, visit));
  if (typeof value !== "object" || value === null) return;
  for (const [k, v] of Object.entries(value)) {
    if (k === "Ref" && typeof v === "string") visit("Ref", v);
    else if (k === "Fn::GetAtt") {
      const [res, ...attr] = Array.isArray(v) ? (v as string[]) : String(v).split(".");
      if (typeof res === "string") visit("GetAtt", res, attr.join("."));
    } else if (k === "Fn::Sub") {
      const text = Array.isArray(v) ? v[0] : v;
      const vars = Array.isArray(v) && typeof v[1] === "object" ? Object.keys(v[1] as object) : [];
      if (typeof text === "string") {
        for (const m of text.matchAll(/\$\{(?!!)([^}]+)\}/g)) {
          const [name, ...attr] = m[1]!.split(".");
          if (vars.includes(m[1]!)) continue;
          if (attr.length > 0 && !PSEUDO.has(m[1]!)) visit("GetAtt", name!, attr.join("."));
          else visit("Ref", m[1]!);
        }
      }
      if (Array.isArray(v) && v[1]) references(v[1], visit);
    } else references(v, visit);
  }
}

type Template = { Parameters?: Record<string, unknown>; Resources?: Record<string, { Type?: string; Properties?: Record<string, unknown> }>; Outputs?: Record<string, unknown> };

export function checkResourceSpec(path: string, parsed: ParsedYaml): Finding[] {
  const findings: Finding[] = [];
  const template = parsed.doc.toJS() as Template;
  const resources = template.Resources ?? {};
  const params = new Set(Object.keys(template.Parameters ?? {}));
  const fail = (message: string, at: Array<string | number>) => findings.push({ check: "cloudformation", file: path, line: lineOf(parsed, at), message, severity: "error" });
  const specs = new Map<string, ResourceSpec | undefined>();
  for (const [name, r] of Object.entries(resources)) {
    if (typeof r?.Type !== "string" || !r.Type.startsWith("AWS::")) continue;
    const spec = resourceSpec(r.Type);
    specs.set(name, spec);
    if (!spec) {
      fail(`resource ${name}: ${r.Type} is not a CloudFormation resource type`, ["Resources", name, "Type"]);
      continue;
    }
    const props = r.Properties ?? {};
    for (const [k, v] of Object.entries(props)) {
      if (!(k in spec.properties)) fail(`resource ${name} (${r.Type}): ${k} is not a property of this type`, ["Resources", name, "Properties", k]);
      else {
        const nested: string[] = [];
        nestedUnknown(v, spec.properties[k]!.type, k, nested);
        for (const n of nested) fail(`resource ${name} (${r.Type}): ${n}`, ["Resources", name, "Properties", k]);
      }
    }
    for (const [k, p] of Object.entries(spec.properties)) if (p.required && !(k in props)) fail(`resource ${name} (${r.Type}): the required property ${k} is missing`, ["Resources", name]);
  }
  const check = (where: Array<string | number>) => (kind: "Ref" | "GetAtt", target: string, attr?: string) => {
    if (kind === "Ref") {
      if (!params.has(target) && !(target in resources) && !PSEUDO.has(target)) fail(`Ref ${target} names no parameter, resource or pseudo parameter`, where);
      return;
    }
    if (!(target in resources)) return fail(`Fn::GetAtt ${target}.${attr} names no resource`, where);
    const spec = specs.get(target);
    if (spec && attr && !(attr in spec.attributes)) fail(`Fn::GetAtt ${target}.${attr}: ${resources[target]!.Type} has no attribute ${attr}`, where);
  };
  for (const [name, r] of Object.entries(resources)) references(r, check(["Resources", name]));
  for (const name of Object.keys(template.Outputs ?? {})) references((template.Outputs as Record<string, unknown>)[name], check(["Outputs", name]));
  return findings;
}
