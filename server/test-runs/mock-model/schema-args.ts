/**
 * Arguments for a tool call, made up deterministically from the tool's JSON schema and the
 * user's words: required fields only, an enum value the user named (else the first), the
 * user's text for a string, the minimum (else 1) for a number.
 */

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  minimum?: number;
  default?: unknown;
};

const MAX_DEPTH = 6;
const MAX_STRING = 200;

const asSchema = (v: unknown): Schema => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Schema) : {});

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().split(/[^a-z0-9_-]+/).filter(Boolean));
}

function firstType(schema: Schema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== "null");
  if (schema.type) return schema.type;
  if (schema.properties) return "object";
  return undefined;
}

function valueFor(raw: unknown, text: string, depth: number): unknown {
  const schema = asSchema(raw);
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    const said = words(text);
    return schema.enum.find((v) => typeof v === "string" && said.has(v.toLowerCase())) ?? schema.enum[0];
  }
  const option = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (option) return valueFor(option, text, depth);
  if (schema.default !== undefined) return schema.default;
  switch (firstType(schema)) {
    case "string":
      return text.slice(0, MAX_STRING);
    case "number":
    case "integer":
      return schema.minimum ?? 1;
    case "boolean":
      return false;
    case "array":
      return [];
    case "object":
      return depth >= MAX_DEPTH ? {} : objectFor(schema, text, depth + 1);
    default:
      return text.slice(0, MAX_STRING);
  }
}

function objectFor(schema: Schema, text: string, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const props = schema.properties ?? {};
  for (const key of schema.required ?? []) {
    if (typeof key === "string") out[key] = valueFor(props[key], text, depth);
  }
  return out;
}

/** Arguments for a tool whose parameters are `parameters` (a JSON schema), asked for in `text`. */
export function argumentsFor(parameters: unknown, text: string): Record<string, unknown> {
  return objectFor(asSchema(parameters), text, 0);
}
