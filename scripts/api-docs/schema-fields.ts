/**
 * A procedure's zod input as a compact field list (name, type, required, constraints),
 * through zod 4's JSON Schema conversion. Parts JSON Schema cannot express (dates, custom
 * checks, transforms) are shown as "—" rather than guessed.
 */
import { z } from "zod";

export type FieldRow = { name: string; type: string; required: boolean; constraints: string[] };
type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  additionalProperties?: Schema | boolean;
  propertyNames?: Schema;
  [key: string]: unknown;
};

/** Marks JSON Schema nodes that stand for "any value" on purpose, to tell them from unrepresentable ones. */
const ANY = "x-any";
/** Nested objects deeper than this are summarised as "object" (their schema is the source). */
const MAX_DEPTH = 3;

export function toJsonSchema(schema: z.ZodType): Schema | null {
  try {
    return z.toJSONSchema(schema, {
      io: "input",
      unrepresentable: "any",
      override: ({ zodSchema, jsonSchema }) => {
        const kind = (zodSchema as unknown as { _zod: { def: { type: string } } })._zod.def.type;
        if (kind === "unknown" || kind === "any") (jsonSchema as Record<string, unknown>)[ANY] = true;
      },
    }) as Schema;
  } catch {
    return null;
  }
}

const literal = (v: unknown) => JSON.stringify(v);

function isEmpty(s: Schema): boolean {
  return Object.keys(s).every((k) => k === ANY || k === "$schema" || k === "default" || k === "description");
}

export function typeOf(s: Schema): string {
  if (isEmpty(s)) return s[ANY] ? "any" : "—";
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return [...new Set(variants.map(typeOf))].join(" or ");
  if (s.const !== undefined) return `\`${literal(s.const)}\``;
  const type = Array.isArray(s.type) ? s.type.join(" or ") : s.type;
  if (type === "array") return s.items ? `${wrap(typeOf(s.items))}[]` : "array";
  if (type === "object" && !s.properties) {
    const values = typeof s.additionalProperties === "object" ? typeOf(s.additionalProperties) : "any";
    return `record<string, ${values}>`;
  }
  return type ?? "—";
}
const wrap = (t: string) => (t.includes(" or ") ? `(${t})` : t);

/** zod writes ±MAX_SAFE_INTEGER as the bounds of every `.int()`: no bound a reader needs. */
const bound = (v: unknown) => (typeof v === "number" && Math.abs(v) !== Number.MAX_SAFE_INTEGER ? v : undefined);

function range(rawMin: unknown, rawMax: unknown, unit = ""): string | null {
  const [min, max] = [bound(rawMin), bound(rawMax)];
  if (typeof min === "number" && typeof max === "number") return min === max ? `${unit}${min}` : `${unit}${min}–${max}`;
  if (typeof min === "number") return `${unit}≥ ${min}`;
  if (typeof max === "number") return `${unit}≤ ${max}`;
  return null;
}

export function constraintsOf(s: Schema): string[] {
  const out: string[] = [];
  const length = range(s.minLength, s.maxLength, "length ");
  if (length) out.push(length);
  const value = range(s.minimum, s.maximum);
  if (value) out.push(value);
  if (typeof s.exclusiveMinimum === "number") out.push(`> ${s.exclusiveMinimum}`);
  if (typeof s.exclusiveMaximum === "number") out.push(`< ${s.exclusiveMaximum}`);
  const items = range(s.minItems, s.maxItems);
  if (items) out.push(`${items} items`);
  if (typeof s.format === "string") out.push(`format ${s.format}`);
  else if (typeof s.pattern === "string") out.push(`pattern \`${s.pattern}\``);
  if (s.enum) out.push(`one of ${s.enum.map((v) => `\`${literal(v)}\``).join(", ")}`);
  if (s.propertyNames && typeof s.propertyNames.pattern === "string") out.push(`keys match \`${s.propertyNames.pattern}\``);
  // A union like `enum | enum[]` repeats the enum for its array form: list it once.
  for (const v of s.anyOf ?? s.oneOf ?? []) out.push(...constraintsOf(v).filter((c) => !out.includes(c) && !out.includes(c.replace(/^each /, ""))));
  if (s.items && !s.items.properties) out.push(...constraintsOf(s.items).map((c) => `each ${c}`));
  if (s.default !== undefined) out.push(`default \`${literal(s.default)}\``);
  if (typeof s.description === "string") out.push(s.description);
  return out;
}

function rows(s: Schema, prefix: string, required: boolean, depth: number): FieldRow[] {
  const here: FieldRow = { name: prefix, type: typeOf(s), required, constraints: constraintsOf(s) };
  const objectItems = s.items?.properties ? s.items : null;
  const nested = s.properties ? s : objectItems;
  if (!nested?.properties || depth >= MAX_DEPTH) return [here];
  const base = objectItems ? `${prefix}[]` : prefix;
  const children = Object.entries(nested.properties).flatMap(([key, child]) =>
    rows(child, base ? `${base}.${key}` : key, nested.required?.includes(key) ?? false, depth + 1),
  );
  return prefix ? [here, ...children] : children;
}

/** One row per field (nested fields dotted, array items as `name[].field`); [] for no input. */
export function inputFields(schema: z.ZodType): FieldRow[] | null {
  const json = toJsonSchema(schema);
  if (!json) return null;
  if (json.properties) return rows(json, "", true, 0);
  return [{ name: "(input)", type: typeOf(json), required: true, constraints: constraintsOf(json) }];
}

/** Whether the whole input may be left out (`.optional()` on the procedure's input). */
export const inputOptional = (schema: z.ZodType): boolean => schema.safeParse(undefined).success;
