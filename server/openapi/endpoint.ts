import { z } from "zod";
import { DomainError } from "../errors";
import { ApiIdentifier, ApiTool, type ApiOperation } from "../spec/api-tools";
import { secretNameFor, unsupportedAuth } from "./auth";
import { parseApiTool } from "./import";
import { toolNameOf } from "./operations";

/**
 * One endpoint the user describes instead of uploading a document: method, URL template
 * (`https://api.example.com/orders/{id}`), parameters and auth. The change-request path
 * uses the same function, so an endpoint described in words is checked the same way.
 */

const wellFormed = (s: string) => (s as string & { isWellFormed(): boolean }).isWellFormed();

export const EndpointInput = z.object({
  /** The API's name (groups tools, names the secret). */
  name: ApiIdentifier,
  toolName: ApiIdentifier.optional(),
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]),
  url: z.string().trim().max(2_000),
  description: z.string().trim().min(1, "is required").max(1_000).refine(wellFormed, "contains a lone surrogate"),
  params: z
    .array(
      z.object({
        name: z.string().trim().min(1).max(100),
        in: z.enum(["query", "header"]),
        type: z.enum(["string", "number", "integer", "boolean"]).default("string"),
        required: z.boolean().default(false),
        description: z.string().max(1_000).default(""),
      }),
    )
    .max(30)
    .default([]),
  /** A JSON body (free-form object) for POST/PUT/PATCH. */
  jsonBody: z.boolean().default(false),
  auth: z
    .object({ kind: z.string().max(40), headerName: z.string().max(64).optional() })
    .default({ kind: "none" }),
});
export type EndpointInput = z.input<typeof EndpointInput>;

const URL_TEMPLATE = /^(https?:\/\/[^/?#\s]+)(\/[^?#\s]*)?$/;

function authOf(auth: { kind: string; headerName?: string }, apiName: string): ApiTool["auth"] {
  if (auth.kind === "none") return { kind: "none" };
  if (auth.kind === "bearer") return { kind: "bearer", secretName: secretNameFor(apiName, "token") };
  if (auth.kind === "api-key-header") {
    if (!auth.headerName) throw new DomainError("invalid", "auth.headerName is required for an API key in a header", { field: "auth.headerName" });
    return { kind: "api-key-header", headerName: auth.headerName, secretName: secretNameFor(apiName, "key") };
  }
  throw unsupportedAuth(`'${auth.kind.slice(0, 40)}'`);
}

/** The ApiTool (one operation) for a described endpoint. @throws DomainError invalid naming the field. */
export function apiToolFromEndpoint(raw: EndpointInput): ApiTool {
  const parsed = EndpointInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join(".");
    throw new DomainError("invalid", `The endpoint is invalid: ${field} ${issue.message}`, { field });
  }
  const input = parsed.data;
  const match = URL_TEMPLATE.exec(input.url);
  if (!match) throw new DomainError("invalid", "url must be an absolute http(s) URL like https://api.example.com/orders/{id}", { field: "url" });
  const origin = match[1]!;
  const path = match[2] ?? "/";
  const pathParams = [...path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!);
  const operation: ApiOperation = {
    name: input.toolName ?? toolNameOf(undefined, input.method.toLowerCase(), path),
    method: input.method,
    path,
    description: input.description,
    params: [
      ...pathParams.map((name) => ({ name, in: "path" as const, required: true, description: "", schema: { type: "string" as const } })),
      ...input.params.map((p) => ({ name: p.name, in: p.in, required: p.required, description: p.description, schema: { type: p.type } })),
    ],
    ...(input.jsonBody ? { body: { required: true, schema: { type: "object" as const } } } : {}),
  };
  const host = URL.canParse(origin) ? new URL(origin).hostname : "";
  return parseApiTool({ name: input.name, baseUrl: origin, allowedHosts: [host], auth: authOf(input.auth, input.name), operations: [operation] });
}
