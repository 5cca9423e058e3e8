import { z } from "zod";
import { DomainError } from "../errors";
import { ApiIdentifier, ApiTool } from "../spec/api-tools";
import { authFor } from "./auth";
import { loadOpenApiDocument, MAX_DOCUMENT_CHARS, type OpenApiRoot } from "./document";
import { clipText } from "./clip";
import { listOperations, toolNameOf } from "./operations";

/**
 * OpenAPI document → what the Tools tab shows (a preview of its operations) → the
 * normalized ApiTool for the operations the user selected. Only the selected operations
 * are kept; the document itself is never stored.
 */

export const ApiDocumentText = z.string().max(MAX_DOCUMENT_CHARS);

export const FromDocumentOptions = z.object({
  name: ApiIdentifier.optional(),
  /** Operation keys (`GET /pets/{id}`) from the preview. */
  select: z.array(z.string().max(2_100)).min(1, "select at least one operation").max(50),
  /** Overrides the document's first server (required when it has none or a relative one). */
  baseUrl: z.string().max(2_000).optional(),
  /** Further hosts the tools may call; the base URL's host is always allowed. */
  extraHosts: z.array(z.string().max(253)).max(9).default([]),
  exposure: z.enum(["agent", "gateway"]).default("agent"),
});
export type FromDocumentOptions = z.input<typeof FromDocumentOptions>;

export type ApiPreview = {
  title: string;
  suggestedName: string;
  baseUrl: string | null;
  operations: Array<{ key: string; name: string; method: string; path: string; description: string; params: string[] }>;
  skipped: Array<{ key: string; reason: string }>;
};

/** The first server URL with its variables at their defaults, when it is absolute http(s). */
function serverUrl(doc: OpenApiRoot): string | null {
  const server = doc.servers?.[0] as { url: string; variables?: Record<string, { default?: unknown }> } | undefined;
  if (!server) return null;
  const url = server.url.replace(/\{([^}]+)\}/g, (m, v: string) => String(server.variables?.[v]?.default ?? m)).replace(/\/+$/, "");
  return URL.canParse(url) && /^https?:$/.test(new URL(url).protocol) ? url : null;
}

const suggestName = (doc: OpenApiRoot) => toolNameOf(doc.info?.title || "my api", "", "").slice(0, 30).replace(/_+$/, "") || "my_api";

/** The document's operations for the user to pick from. @throws DomainError as loadOpenApiDocument. */
export async function previewApiDocument(text: string): Promise<ApiPreview> {
  const doc = await loadOpenApiDocument(text);
  const { operations, skipped } = listOperations(doc);
  return {
    title: clipText(doc.info?.title ?? "", 200),
    suggestedName: suggestName(doc),
    baseUrl: serverUrl(doc),
    operations: operations.map(({ key, operation: o }) => ({
      key,
      name: o.name,
      method: o.method,
      path: o.path,
      description: o.description,
      params: [...o.params.map((p) => p.name), ...(o.body ? ["body"] : [])],
    })),
    skipped,
  };
}

/** Zod issues of an ApiTool as one DomainError naming the first field. */
export function parseApiTool(candidate: unknown, what = "apiTools"): ApiTool {
  const result = ApiTool.safeParse(candidate);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${[what, ...i.path].join(".")} ${i.message}`);
  throw new DomainError("invalid", `The API tool is invalid: ${issues.slice(0, 5).join("; ")}`, { field: [what, ...result.error.issues[0]!.path].join(".") });
}

/**
 * The ApiTool for the selected operations of a document.
 * @throws DomainError invalid: an unknown operation key, no usable base URL, unsupported auth
 *   (with the supported list), or a field that fails the spec schema (named).
 */
export async function apiToolFromDocument(text: string, rawOptions: FromDocumentOptions): Promise<ApiTool> {
  const options = FromDocumentOptions.parse(rawOptions);
  const doc = await loadOpenApiDocument(text);
  const { operations, skipped } = listOperations(doc);
  const byKey = new Map(operations.map((o) => [o.key, o]));
  const chosen = options.select.map((key) => {
    const found = byKey.get(key);
    if (found) return found;
    const why = skipped.find((s) => s.key === key)?.reason;
    throw new DomainError("invalid", `Operation '${key.slice(0, 200)}' ${why ? `cannot become a tool: ${why}` : "is not in the document"}`, { field: "select" });
  });
  const name = options.name ?? suggestName(doc);
  const baseUrl = (options.baseUrl ?? serverUrl(doc) ?? "").replace(/\/+$/, "");
  if (!baseUrl) throw new DomainError("invalid", "The document names no absolute server URL: give the base URL", { field: "baseUrl" });
  const schemes = ((doc.components as { securitySchemes?: Record<string, object> } | undefined)?.securitySchemes ?? {}) as Record<string, object>;
  const auth = authFor(chosen.map((c) => c.security), schemes, name);
  const host = URL.canParse(baseUrl) ? new URL(baseUrl).hostname : "";
  return parseApiTool({
    name,
    title: clipText(doc.info?.title ?? "", 200),
    baseUrl,
    allowedHosts: [...new Set([host, ...options.extraHosts.map((h) => h.toLowerCase())])],
    auth,
    exposure: options.exposure,
    operations: chosen.map((c) => c.operation),
  });
}
