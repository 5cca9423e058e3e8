import { parse } from "@cdktf/hcl2json";
import { TF_PROVIDER_VERSION, TF_TYPES as TYPES, type TfArgument } from "../terraform/provider-schema";
import type { Finding } from "./types";

/**
 * Terraform checked without a terraform binary (none can be installed here): every .tf
 * parses (HashiCorp's HCL parser, compiled to WebAssembly in @cdktf/hcl2json), every
 * resource and data source type exists in the AWS provider schema
 * (terraform/aws-provider-schema.json), every argument and nested block is one the type
 * has, in the right form (block or attribute), required arguments are set, and every
 * reference points at a declared variable, local, resource or data source and an
 * attribute that type exports.
 */

type Json = Record<string, unknown>;
type Labelled = Record<string, Record<string, Json[]>>;
/** The JSON form of a configuration (all files merged), as hcl2json produces it. */
export type TerraformConfig = { resource: Labelled; data: Labelled; variable: Record<string, Json[]>; locals: Json[]; output: Record<string, Json[]> };

const META_ARGUMENTS = new Set(["depends_on", "count", "for_each", "provider", "lifecycle"]);

const fail = (file: string, message: string): Finding => ({ check: "terraform", file, message, severity: "error" });

/** Parses every file; a file that does not parse is an error naming its line. */
export async function parseTerraform(files: Array<[string, string]>): Promise<{ config: TerraformConfig; owner: Map<string, string>; findings: Finding[] }> {
  const config: TerraformConfig = { resource: {}, data: {}, variable: {}, locals: [], output: {} };
  const owner = new Map<string, string>();
  const findings: Finding[] = [];
  for (const [path, text] of files) {
    let parsed: Json;
    try {
      parsed = (await parse(path, text)) as Json;
    } catch (e) {
      const line = /:(\d+),\d+/.exec(String(e))?.[1];
      findings.push({ ...fail(path, `does not parse: ${String(e).replace(/^Error: /, "").slice(0, 300)}`), ...(line ? { line: Number(line) } : {}) });
      continue;
    }
    for (const kind of ["resource", "data"] as const) {
      for (const [type, byName] of Object.entries((parsed[kind] ?? {}) as Labelled)) {
        config[kind][type] ??= {};
        for (const [name, bodies] of Object.entries(byName)) {
          config[kind][type]![name] = bodies;
          owner.set(`${kind === "data" ? "data." : ""}${type}.${name}`, path);
        }
      }
    }
    Object.assign(config.variable, parsed.variable ?? {});
    Object.assign(config.output, parsed.output ?? {});
    config.locals.push(...((parsed.locals ?? []) as Json[]));
  }
  return { config, owner, findings };
}

function checkBody(body: Json, args: Record<string, TfArgument>, at: string, topLevel: boolean, out: string[]): void {
  for (const [key, value] of Object.entries(body)) {
    if (topLevel && META_ARGUMENTS.has(key)) continue;
    const arg = args[key];
    if (!arg) {
      out.push(`${at}.${key} is not an argument of this type`);
      continue;
    }
    const isBlockValue = Array.isArray(value) && value.every((v) => typeof v === "object" && v !== null && !Array.isArray(v));
    if (arg.block && !isBlockValue) out.push(`${at}.${key} must be a nested block`);
    if (arg.block && isBlockValue && arg.nested) (value as Json[]).forEach((b, i) => checkBody(b, arg.nested!, `${at}.${key}[${i}]`, false, out));
  }
  for (const [name, arg] of Object.entries(args)) {
    if (arg.required && !(name in body)) out.push(`${at}.${name} is required`);
  }
}

/** Types, arguments and required arguments against the provider schema. */
export function checkTerraformSchema(config: TerraformConfig, owner: Map<string, string>): Finding[] {
  const findings: Finding[] = [];
  for (const kind of ["resource", "data"] as const) {
    for (const [type, byName] of Object.entries(config[kind])) {
      const key = kind === "data" ? `data.${type}` : type;
      const spec = TYPES[key];
      for (const [name, bodies] of Object.entries(byName)) {
        const file = owner.get(`${key}.${name}`) ?? "infra/terraform";
        if (!spec) {
          findings.push(fail(file, `${key}.${name}: ${kind === "data" ? "data source" : "resource"} type ${type} is not in the AWS provider ${TF_PROVIDER_VERSION} schema`));
          continue;
        }
        const problems: string[] = [];
        bodies.forEach((b) => checkBody(b, spec.arguments, `${key}.${name}`, true, problems));
        findings.push(...problems.map((p) => fail(file, p)));
      }
    }
  }
  return findings;
}

const REFERENCE = /\b(?:(data)\.)?(aws_[a-z0-9_]+)\.([a-z0-9_]+)(?:\.([a-z0-9_]+))?|\b(var|local)\.([a-z0-9_]+)/g;

function interpolations(value: unknown, out: string[]): void {
  if (typeof value === "string") {
    for (const m of value.replace(/\$\$\{/g, "").matchAll(/\$\{([\s\S]*)\}/g)) out.push(m[1]!);
  } else if (Array.isArray(value)) value.forEach((v) => interpolations(v, out));
  else if (typeof value === "object" && value !== null) Object.values(value).forEach((v) => interpolations(v, out));
}

/** Every reference names something declared, and a resource/data attribute its type exports. */
export function checkTerraformReferences(config: TerraformConfig, files: string[]): Finding[] {
  const locals = new Set(config.locals.flatMap((l) => Object.keys(l)));
  const expressions: string[] = [];
  interpolations([config.resource, config.data, config.output, config.locals], expressions);
  const problems = new Set<string>();
  for (const code of expressions) {
    for (const m of code.matchAll(REFERENCE)) {
      if (m[5] === "var" && !(m[6]! in config.variable)) problems.add(`var.${m[6]} is not declared`);
      if (m[5] === "local" && !locals.has(m[6]!)) problems.add(`local.${m[6]} is not declared`);
      if (!m[2]) continue;
      const [kind, type, name, attr] = [m[1] ? "data" : "resource", m[2], m[3]!, m[4]] as const;
      const label = `${kind === "data" ? "data." : ""}${type}.${name}`;
      if (!config[kind][type]?.[name]) problems.add(`${label} is referenced but not declared`);
      const spec = TYPES[kind === "data" ? `data.${type}` : type];
      if (attr && spec && !spec.attributes.includes(attr) && !(attr in spec.arguments)) problems.add(`${label}.${attr} is not an attribute of ${type}`);
    }
  }
  return [...problems].map((p) => fail(files.find((f) => f.endsWith("main.tf")) ?? files[0]!, p));
}
