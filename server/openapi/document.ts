import { $RefParser } from "@apidevtools/json-schema-ref-parser";
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { DomainError } from "../errors";

/**
 * Reads an OpenAPI 3.0/3.1 document the user pasted or uploaded (JSON or YAML; YAML 1.2
 * is a superset of JSON, so one parser serves both and names the line of any error).
 * Local `$ref`s (`#/components/...`) are resolved; remote and file refs are refused, so
 * importing a document never fetches anything.
 */

/** Largest document accepted (characters); the HTTP API refuses bodies over 1 MiB anyway (MAX_REQUEST_BYTES). */
export const MAX_DOCUMENT_CHARS = 1_000_000;
/** Most operations a document may carry; a larger one is refused with this number. */
export const MAX_DOCUMENT_OPERATIONS = 1_000;
/** YAML aliases expanded at most this often (a "billion laughs" document fails fast). */
const MAX_ALIASES = 200;

const OpenApiRoot = z.looseObject({
  openapi: z.string().regex(/^3\.[01]\.\d+/, "must be 3.0.x or 3.1.x (Swagger 2.0 is not supported: convert it first)"),
  info: z.looseObject({ title: z.string().max(500).optional() }).optional(),
  servers: z.array(z.looseObject({ url: z.string().max(2_000) })).optional(),
  paths: z.record(z.string(), z.unknown()).default({}),
  components: z.looseObject({}).optional(),
});
export type OpenApiRoot = z.infer<typeof OpenApiRoot>;

/** The text as a plain object. @throws DomainError invalid naming the line and column of a syntax error. */
export function parseDocumentText(text: string): unknown {
  if (text.length > MAX_DOCUMENT_CHARS) {
    throw new DomainError("too_large", `The document has ${text.length} characters; at most ${MAX_DOCUMENT_CHARS} are accepted`);
  }
  if (text.trim() === "") throw new DomainError("invalid", "The document is empty", { field: "document" });
  // JSON.parse is some 50 times faster than the YAML parser; YAML is read only when it fails,
  // which also finds the line of a JSON syntax error.
  if (text.trimStart().startsWith("{")) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // fall through to the YAML parser for the line number
    }
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    const what = error.message.split("\n")[0];
    throw new DomainError("invalid", `The document does not parse: line ${line}, column ${col}: ${what}`, { field: "document", line, column: col });
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    throw new DomainError("invalid", `The document does not parse: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`, { field: "document" });
  }
}

function countOperations(paths: Record<string, unknown>): number {
  let n = 0;
  for (const item of Object.values(paths)) {
    if (item && typeof item === "object") n += Object.keys(item).filter((k) => HTTP_METHODS.has(k)).length;
  }
  return n;
}
const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/** Every `$ref` in the document points inside it (`#/...`). */
function assertLocalRefs(value: unknown, path = "#"): void {
  const stack: Array<[unknown, string]> = [[value, path]];
  while (stack.length > 0) {
    const [node, at] = stack.pop()!;
    if (!node || typeof node !== "object") continue;
    for (const [key, child] of Object.entries(node)) {
      if (key === "$ref" && (typeof child !== "string" || !child.startsWith("#/"))) {
        throw new DomainError("invalid", `Only references inside the document are supported ('#/...'); ${at} refers to '${String(child).slice(0, 200)}'`, { field: "document" });
      }
      stack.push([child, `${at}/${key}`]);
    }
  }
}

/**
 * Parses and checks an OpenAPI document, then resolves its local `$ref`s.
 * @throws DomainError invalid (syntax with line, not OpenAPI 3, remote refs, a broken ref),
 *   too_large (size, or more than MAX_DOCUMENT_OPERATIONS operations).
 */
export async function loadOpenApiDocument(text: string): Promise<OpenApiRoot> {
  const raw = parseDocumentText(text);
  const root = OpenApiRoot.safeParse(raw);
  if (!root.success) {
    const issue = root.error.issues[0]!;
    const at = issue.path.join(".") || "(root)";
    throw new DomainError("invalid", `This is not an OpenAPI 3 document: ${at} ${issue.message}`, { field: "document" });
  }
  const operations = countOperations(root.data.paths);
  if (operations > MAX_DOCUMENT_OPERATIONS) {
    throw new DomainError("too_large", `The document has ${operations} operations; at most ${MAX_DOCUMENT_OPERATIONS} can be imported. Split it, or describe the endpoints you need one by one.`);
  }
  assertLocalRefs(root.data);
  try {
    // No resolvers: nothing is read from files or the network. Circular refs stay as they are.
    const resolved = await $RefParser.dereference(structuredClone(root.data), {
      resolve: { external: false, file: false, http: false },
      dereference: { circular: "ignore" },
    });
    return resolved as OpenApiRoot;
  } catch (e) {
    throw new DomainError("invalid", `A reference in the document cannot be resolved: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`, { field: "document" });
  }
}
