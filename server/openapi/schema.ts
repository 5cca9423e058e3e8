import type { ApiSchema } from "../spec/api-tools";
import { clipText } from "./clip";

/**
 * An OpenAPI (JSON Schema) schema reduced to the bounded subset a tool's input may carry
 * (ApiSchema): primitive types, arrays, objects with properties, enums and descriptions.
 * Composition (`oneOf`, `allOf`, ...) and anything unknown become a plain string or object;
 * depth and size are capped, so a circular or huge schema still gives a small result.
 */

const MAX_DEPTH = 4;
const MAX_PROPERTIES = 40;
const MAX_ENUM = 50;
const clip = (s: unknown, n: number) => (typeof s === "string" && s.trim() ? clipText(s.trim(), n) : undefined);
const TYPES = new Set(["string", "number", "integer", "boolean", "array", "object"]);

function typeOf(node: Record<string, unknown>): ApiSchema["type"] {
  const t = Array.isArray(node.type) ? node.type.find((x) => x !== "null") : node.type;
  if (typeof t === "string" && TYPES.has(t)) return t as ApiSchema["type"];
  if (node.properties) return "object";
  if (node.items) return "array";
  return "string";
}

/** The reduced schema; `budget.nodes` bounds the total size across one operation. */
export function toApiSchema(input: unknown, depth = 0, budget = { nodes: 300 }): ApiSchema {
  const node = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
  budget.nodes--;
  const type = typeOf(node);
  const out: ApiSchema = { type };
  const description = clip(node.description ?? node.title, 500);
  if (description) out.description = description;
  if (Array.isArray(node.enum)) {
    const values = node.enum.filter((v): v is string | number => typeof v === "string" || (typeof v === "number" && Number.isFinite(v)));
    if (values.length > 0) out.enum = values.slice(0, MAX_ENUM).map((v) => (typeof v === "string" ? clipText(v, 200) : v));
  }
  const deeper = depth < MAX_DEPTH && budget.nodes > 0;
  if (type === "array") {
    out.items = deeper ? toApiSchema(node.items, depth + 1, budget) : { type: "string" };
  }
  if (type === "object" && deeper && node.properties && typeof node.properties === "object") {
    const entries = Object.entries(node.properties as Record<string, unknown>).filter(([k]) => k.length > 0 && k.length <= 100 && k !== "__proto__").slice(0, MAX_PROPERTIES);
    if (entries.length > 0) {
      out.properties = Object.fromEntries(entries.map(([k, v]) => [k, toApiSchema(v, depth + 1, budget)]));
      const required = Array.isArray(node.required) ? node.required.filter((r): r is string => typeof r === "string" && r in out.properties!) : [];
      if (required.length > 0) out.required = required;
    }
  }
  return out;
}

/**
 * The JSON Schema a tool's input carries: one property per parameter, `body` for a JSON body.
 * Generic in the parameters' schema so the rehearsal's gateway can build it from a target's OpenAPI document.
 */
export function inputSchemaOf<S extends object = ApiSchema>(op: {
  params: Array<{ name: string; required: boolean; description?: string | undefined; schema: S }>;
  body?: { required: boolean; schema: S } | undefined;
}): { type: "object"; properties: Record<string, S>; required?: string[] } {
  const properties: Record<string, S> = {};
  const required: string[] = [];
  for (const p of op.params) {
    properties[p.name] = p.description ? { ...p.schema, description: p.description } : p.schema;
    if (p.required) required.push(p.name);
  }
  if (op.body) {
    properties.body = op.body.schema;
    if (op.body.required) required.push("body");
  }
  return required.length > 0 ? { type: "object", properties, required } : { type: "object", properties };
}
