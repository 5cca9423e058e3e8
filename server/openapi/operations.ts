import type { ApiOperation, ApiParam } from "../spec/api-tools";
import type { OpenApiRoot } from "./document";
import { clipText } from "./clip";
import { toApiSchema } from "./schema";

/**
 * The operations of a resolved OpenAPI document, each normalized to what a tool needs
 * (ApiOperation). Operations a tool cannot call (non-JSON bodies, cookie parameters,
 * HEAD/OPTIONS/TRACE, odd paths) are listed as skipped with the reason.
 */

type Obj = Record<string, unknown>;
export type SecurityRequirement = Array<Record<string, unknown>>;

export type ImportedOperation = {
  /** `METHOD /path`: how the user selects it. */
  key: string;
  operation: ApiOperation;
  security: SecurityRequirement | undefined;
};
export type SkippedOperation = { key: string; reason: string };

const METHODS = ["get", "post", "put", "patch", "delete"] as const;
const UNSUPPORTED_METHODS = ["head", "options", "trace"];
const PATH_TEMPLATE = /^\/[A-Za-z0-9\-._~/{}%:@!$&'()*+,;=]*$/;
const asObj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const text = (v: unknown, n: number) => (typeof v === "string" ? clipText(v.trim(), n) : "");

/** An identifier from an operationId or the method and path: `getPetById` → `get_pet_by_id`. */
export function toolNameOf(operationId: unknown, method: string, path: string): string {
  const source = typeof operationId === "string" && operationId.trim() ? operationId : `${method} ${path.replace(/\{([^}]*)\}/g, "by $1")}`;
  const snake = source
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  const name = /^[a-z]/.test(snake) ? snake : `op_${snake}`;
  return name.slice(0, 44).replace(/_+$/, "") || "op";
}

function paramsOf(pathItem: Obj, op: Obj): { params: ApiParam[] } | { reason: string } {
  const merged = new Map<string, Obj>();
  for (const p of [...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []), ...(Array.isArray(op.parameters) ? op.parameters : [])]) {
    const param = asObj(p);
    merged.set(`${String(param.in)}:${String(param.name)}`, param);
  }
  const params: ApiParam[] = [];
  for (const p of merged.values()) {
    const name = text(p.name, 101);
    if (!name || name.length > 100 || name === "__proto__") return { reason: "a parameter has no name, a name over 100 characters, or the name __proto__" };
    if (p.in === "cookie") {
      if (p.required === true) return { reason: `required cookie parameter '${name}' (cookies are not supported)` };
      continue;
    }
    if (p.in !== "path" && p.in !== "query" && p.in !== "header") return { reason: `parameter '${name}' is in '${String(p.in)}'` };
    params.push({ name, in: p.in, required: p.in === "path" || p.required === true, description: text(p.description, 1_000), schema: toApiSchema(p.schema) });
  }
  return { params: params.slice(0, 50) };
}

function bodyOf(op: Obj): { body?: ApiOperation["body"] } | { reason: string } {
  const requestBody = asObj(op.requestBody);
  const content = asObj(requestBody.content);
  if (Object.keys(content).length === 0) return {};
  const jsonType = Object.keys(content).find((t) => /^application\/([a-z.+-]*\+)?json\b/i.test(t));
  if (!jsonType) {
    return requestBody.required === true ? { reason: `the body is ${Object.keys(content)[0]!.slice(0, 60)}, not JSON` } : {};
  }
  return { body: { required: requestBody.required === true, schema: toApiSchema(asObj(content[jsonType]).schema) } };
}

function normalize(method: string, path: string, pathItem: Obj, op: Obj, usedNames: Set<string>): ApiOperation | { reason: string } {
  if (!PATH_TEMPLATE.test(path) || path.length > 2_000) return { reason: "the path has characters a URL path cannot carry" };
  const params = paramsOf(pathItem, op);
  if ("reason" in params) return params;
  const body = bodyOf(op);
  if ("reason" in body) return body;
  if (body.body && params.params.some((p) => p.name === "body")) return { reason: "a parameter is named 'body', which the JSON body uses" };
  const base = toolNameOf(op.operationId, method, path);
  let name = base;
  for (let i = 2; usedNames.has(name); i++) name = `${base}_${i}`;
  usedNames.add(name);
  const summary = [text(op.summary, 300), text(op.description, 1_000)].filter(Boolean).join(". ");
  return {
    name,
    method: method.toUpperCase() as ApiOperation["method"],
    path,
    description: clipText(summary, 1_000) || clipText(`${method.toUpperCase()} ${path}`, 1_000),
    params: params.params,
    ...body,
  };
}

/** Every operation of the document, in document order, normalized or skipped with a reason. */
export function listOperations(doc: OpenApiRoot): { operations: ImportedOperation[]; skipped: SkippedOperation[] } {
  const operations: ImportedOperation[] = [];
  const skipped: SkippedOperation[] = [];
  const usedNames = new Set<string>();
  const rootSecurity = Array.isArray(doc.security) ? (doc.security as SecurityRequirement) : undefined;
  for (const [path, rawItem] of Object.entries(doc.paths)) {
    const pathItem = asObj(rawItem);
    for (const method of Object.keys(pathItem)) {
      const key = `${method.toUpperCase()} ${path}`.slice(0, 2_100);
      if (UNSUPPORTED_METHODS.includes(method)) skipped.push({ key, reason: `${method.toUpperCase()} is not supported` });
      if (!(METHODS as readonly string[]).includes(method)) continue;
      const op = asObj(pathItem[method]);
      const result = normalize(method, path, pathItem, op, usedNames);
      if ("reason" in result) skipped.push({ key, reason: result.reason });
      else operations.push({ key, operation: result, security: Array.isArray(op.security) ? (op.security as SecurityRequirement) : rootSecurity });
    }
  }
  return { operations, skipped };
}
