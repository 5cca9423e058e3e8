import { LineCounter, parseDocument, isMap, isSeq, type Document, type Node } from "yaml";
import type { IamStatement } from "../../registry/schema";
import { actionCovers } from "../iam";
import { lineAt, type Finding } from "./types";

/** JSON and YAML files parse; CloudFormation carries the target's resources and the agent's IAM actions. */

export function checkJson(path: string, text: string): Finding[] {
  try {
    JSON.parse(text);
    return [];
  } catch (e) {
    const at = /position (\d+)/.exec((e as Error).message);
    return [
      {
        check: "json-syntax",
        file: path,
        ...(at ? { line: lineAt(text, Number(at[1])) } : {}),
        message: `does not parse: ${(e as Error).message}`,
        severity: "error",
      },
    ];
  }
}

export type ParsedYaml = { doc: Document; lines: LineCounter };

export function parseYaml(path: string, text: string): { parsed?: ParsedYaml; findings: Finding[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const findings = doc.errors.map(
    (e): Finding => ({
      check: "yaml-syntax",
      file: path,
      line: lines.linePos(e.pos[0]).line,
      message: `does not parse: ${e.message.split("\n")[0]}`,
      severity: "error",
    }),
  );
  return findings.length > 0 ? { findings } : { parsed: { doc, lines }, findings };
}

const REQUIRED_RESOURCES: Record<string, string[]> = {
  agentcore: ["AWS::BedrockAgentCore::Runtime", "AWS::IAM::Role"],
  "ecs-fargate": ["AWS::ECS::Cluster", "AWS::ECS::TaskDefinition", "AWS::ECS::Service", "AWS::IAM::Role"],
  lambda: ["AWS::Lambda::Function", "AWS::IAM::Role"],
};

type Statement = { Effect?: unknown; Action?: unknown; Resource?: unknown };
type Resource = { Type?: unknown; Properties?: Record<string, unknown> };

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** The line of the key at `path` (the line a reader looks at), or of the document start. */
export function lineOf(parsed: ParsedYaml, path: Array<string | number>): number | undefined {
  const parent = path.length > 1 ? parsed.doc.getIn(path.slice(0, -1), true) : parsed.doc.contents;
  const last = path.at(-1);
  let offset: number | undefined;
  if (last !== undefined && isMap(parent)) {
    const pair = parent.items.find((item) => (item.key as { value?: unknown } | null)?.value === last);
    offset = (pair?.key as Node | undefined)?.range?.[0];
  }
  offset ??= (parsed.doc.contents as Node | null)?.range?.[0];
  return offset === undefined ? undefined : parsed.lines.linePos(offset).line;
}

function roleStatements(resources: Record<string, Resource>): Statement[] {
  const out: Statement[] = [];
  for (const r of Object.values(resources)) {
    if (r?.Type === "AWS::IAM::Role") {
      for (const p of asList(r.Properties?.Policies) as Array<{ PolicyDocument?: { Statement?: unknown } }>) {
        out.push(...(asList(p?.PolicyDocument?.Statement) as Statement[]));
      }
    }
    if (r?.Type === "AWS::IAM::Policy" || r?.Type === "AWS::IAM::ManagedPolicy") {
      const doc = r.Properties?.PolicyDocument as { Statement?: unknown } | undefined;
      out.push(...(asList(doc?.Statement) as Statement[]));
    }
  }
  return out;
}

/** Checks a parsed CloudFormation template for `target`; `required` are the agent's IAM statements. */
export function checkCloudFormation(
  path: string,
  parsed: ParsedYaml,
  target: string | undefined,
  architecture: string | undefined,
  required: IamStatement[],
): Finding[] {
  const findings: Finding[] = [];
  const fail = (message: string, at: Array<string | number>) =>
    findings.push({ check: "cloudformation", file: path, line: lineOf(parsed, at), message, severity: "error" });
  const template = parsed.doc.toJS() as { Resources?: Record<string, Resource> } | null;
  const resources = template?.Resources;
  if (!resources || !isMap(parsed.doc.get("Resources", true))) {
    fail("has no Resources section", []);
    return findings;
  }
  for (const [name, r] of Object.entries(resources)) {
    if (typeof r?.Type !== "string" || !/^(AWS|Custom)::/.test(r.Type)) {
      fail(`resource ${name} has no valid Type`, ["Resources", name]);
    }
  }
  const types = new Set(Object.values(resources).map((r) => r?.Type));
  for (const type of REQUIRED_RESOURCES[target ?? ""] ?? []) {
    if (!types.has(type)) fail(`is missing a ${type} resource required for ${target}`, ["Resources"]);
  }
  const statements = roleStatements(resources);
  statements.forEach((s) => {
    const actions = asList(s.Action).map(String);
    const res = asList(s.Resource);
    if (actions.some((a) => a === "*" || a.endsWith(":*")) && res.includes("*")) {
      findings.push({ check: "cloudformation", file: path, line: lineOf(parsed, ["Resources"]), message: `grants ${actions.join(", ")} on every resource (not least privilege)`, severity: "error" });
    }
  });
  const granted = statements.filter((s) => s.Effect === "Allow").flatMap((s) => asList(s.Action).map(String));
  for (const statement of required) {
    for (const action of statement.actions) {
      if (!granted.some((g) => actionCovers(g, action))) {
        fail(`no role policy grants ${action}, which the agent needs`, ["Resources"]);
      }
    }
  }
  if (architecture === "arm64" || target === "agentcore") {
    for (const [name, r] of Object.entries(resources)) {
      const platform = (r?.Properties?.RuntimePlatform as { CpuArchitecture?: unknown } | undefined)?.CpuArchitecture;
      if (r?.Type === "AWS::ECS::TaskDefinition" && platform !== "ARM64") fail(`task definition ${name} is not ARM64`, ["Resources", name]);
      const arch = r?.Properties?.Architectures;
      if (r?.Type === "AWS::Lambda::Function" && !(isSeqLike(arch) && arch.includes("arm64"))) {
        fail(`function ${name} is not arm64`, ["Resources", name]);
      }
    }
  }
  return findings;
}

const isSeqLike = (v: unknown): v is unknown[] => Array.isArray(v) || isSeq(v);

/** True when a parsed YAML/JSON document looks like a CloudFormation template. */
export const isCloudFormation = (parsed: ParsedYaml) => {
  const js = parsed.doc.toJS() as Record<string, unknown> | null;
  return !!js && typeof js === "object" && ("AWSTemplateFormatVersion" in js || ("Resources" in js && "Outputs" in js));
};
