import { parse as parseYaml, type Tags } from "yaml";
import type { ProjectFiles } from "../../generation/types";

/**
 * Reads the CloudFormation template(s) of a generated version generically: any JSON or YAML
 * file with a `Resources` map whose entries carry an `AWS::…` Type. Nothing here knows a
 * template's layout, so the plan keeps working whatever the templates become.
 */

export type CfnResource = {
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
  deletionPolicy: string | null;
  dependsOn: string[];
};
export type CfnParameter = { name: string; type: string; default: unknown; description: string | null };
export type CfnTemplate = {
  path: string;
  body: string;
  description: string | null;
  resources: CfnResource[];
  parameters: CfnParameter[];
  outputs: { name: string; description: string | null }[];
};

const INTRINSICS = ["Ref", "Condition", "Base64", "GetAZs", "ImportValue", "Sub", "GetAtt", "Join", "Select", "Split", "FindInMap", "If", "Equals", "Not", "And", "Or", "Cidr"];

/** CloudFormation's short forms (`!Ref X`, `!GetAtt A.B`, `!Sub [..]`) as their long JSON forms. */
const CFN_TAGS: Tags = INTRINSICS.flatMap((name) => {
  const key = name === "Ref" || name === "Condition" ? name : `Fn::${name}`;
  const scalar = (value: string) => ({ [key]: name === "GetAtt" ? value.split(".") : value });
  return [
    { tag: `!${name}`, resolve: scalar },
    { tag: `!${name}`, collection: "seq" as const, resolve: (seq: { toJSON(): unknown }) => ({ [key]: seq.toJSON() }) },
    { tag: `!${name}`, collection: "map" as const, resolve: (map: { toJSON(): unknown }) => ({ [key]: map.toJSON() }) },
  ];
}) as Tags;

const record = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

function parseDocument(path: string, text: string): unknown {
  try {
    if (path.endsWith(".json")) return JSON.parse(text);
    return parseYaml(text, { customTags: CFN_TAGS, schema: "core", uniqueKeys: false });
  } catch {
    return null;
  }
}

/** A parsed template, or null when the document is not CloudFormation. */
export function parseCfnTemplate(path: string, text: string): CfnTemplate | null {
  const doc = record(parseDocument(path, text));
  const resources = Object.entries(record(doc.Resources))
    .map(([logicalId, raw]) => ({ logicalId, r: record(raw) }))
    .filter(({ r }) => typeof r.Type === "string" && /^(AWS|Custom)::/.test(r.Type as string));
  if (resources.length === 0) return null;
  return {
    path,
    body: text,
    description: typeof doc.Description === "string" ? doc.Description : null,
    resources: resources.map(({ logicalId, r }) => ({
      logicalId,
      type: r.Type as string,
      properties: record(r.Properties),
      deletionPolicy: typeof r.DeletionPolicy === "string" ? r.DeletionPolicy : null,
      dependsOn: ([] as unknown[]).concat(r.DependsOn ?? []).filter((d): d is string => typeof d === "string"),
    })),
    parameters: Object.entries(record(doc.Parameters)).map(([name, raw]) => {
      const p = record(raw);
      return { name, type: String(p.Type ?? "String"), default: p.Default ?? null, description: typeof p.Description === "string" ? p.Description : null };
    }),
    outputs: Object.entries(record(doc.Outputs)).map(([name, raw]) => ({ name, description: typeof record(raw).Description === "string" ? (record(raw).Description as string) : null })),
  };
}

const CANDIDATE = /\.(ya?ml|json|template)$/i;

/** Every CloudFormation template in a file set, in path order (infra files first). */
export function findCfnTemplates(files: ProjectFiles): CfnTemplate[] {
  const out: CfnTemplate[] = [];
  for (const [path, content] of files) {
    if (typeof content !== "string" || !CANDIDATE.test(path) || !content.includes("Resources")) continue;
    if (path.startsWith(".github/")) continue;
    const template = parseCfnTemplate(path, content);
    if (template) out.push(template);
  }
  return out.sort((a, b) => Number(!a.path.startsWith("infra/")) - Number(!b.path.startsWith("infra/")) || a.path.localeCompare(b.path));
}
