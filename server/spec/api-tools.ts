import { z } from "zod";

/**
 * The `apiTools` section of AgentSpec: the user's own REST APIs as tools. It holds a
 * normalized, self-contained description of the operations the user selected (never the
 * raw OpenAPI document), so a project regenerates byte for byte from the spec alone.
 * Names become identifiers in generated code; every other string reaches code only
 * through the serializers in server/generation/serialize.ts.
 */

const wellFormed = (s: string) => (s as string & { isWellFormed(): boolean }).isWellFormed();
const Text = (max: number) => z.string().max(max).refine(wellFormed, { message: "contains a lone surrogate (invalid Unicode)" });
/** A key of the tool's input: any text but `__proto__`, which a JavaScript object literal turns into the prototype. */
const InputKey = Text(100).pipe(z.string().min(1)).refine((k) => k !== "__proto__", { message: "cannot be __proto__" });

/** A tool or API name: a lowercase identifier, the same in Python and TypeScript. */
export const ApiIdentifier = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,47}$/, "use 1-48 lowercase letters, digits and underscores, starting with a letter");

/** The environment variable (or key of the agent's Secrets Manager secret) that holds a credential. */
export const SecretVarName = z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, "use uppercase letters, digits and underscores");

const HeaderName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, "is not an HTTP header name")
  .refine((h) => !FORBIDDEN_HEADERS.has(h.toLowerCase()), { message: "is a header the HTTP client sets itself" });
const FORBIDDEN_HEADERS = new Set(["host", "content-length", "transfer-encoding", "connection", "cookie", "authorization-bearer"]);

/** How the generated tool authenticates; the only kinds supported (SUPPORTED_AUTH lists them for errors). */
export const ApiAuth = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }),
  z.object({ kind: z.literal("bearer"), secretName: SecretVarName }),
  z.object({ kind: z.literal("api-key-header"), headerName: HeaderName, secretName: SecretVarName }),
]);
export type ApiAuth = z.infer<typeof ApiAuth>;
export const SUPPORTED_AUTH = ["none", "bearer (HTTP Authorization: Bearer)", "api-key-header (an API key in a request header)"] as const;

/** A bounded subset of JSON Schema: what a tool's input schema may carry. */
export type ApiSchema = {
  type: "string" | "number" | "integer" | "boolean" | "array" | "object";
  description?: string;
  enum?: Array<string | number>;
  items?: ApiSchema;
  properties?: Record<string, ApiSchema>;
  required?: string[];
};
export const ApiSchema: z.ZodType<ApiSchema> = z.lazy(() =>
  z
    .object({
      type: z.enum(["string", "number", "integer", "boolean", "array", "object"]),
      description: Text(1_000).optional(),
      enum: z.array(z.union([Text(200), z.number().finite()])).max(100).optional(),
      items: ApiSchema.optional(),
      properties: z.record(InputKey, ApiSchema).optional(),
      required: z.array(Text(100)).max(100).optional(),
    })
    .strict(),
);

export const ApiParam = z.object({
  /** The parameter's name in the API (any text); the tool's input uses the same key. */
  name: InputKey,
  in: z.enum(["path", "query", "header"]),
  required: z.boolean().default(false),
  description: Text(1_000).default(""),
  schema: ApiSchema,
});
export type ApiParam = z.infer<typeof ApiParam>;

// A path template: `/orders/{id}`; characters that need no encoding in a URL path, plus braces.
const PATH_TEMPLATE = /^\/[A-Za-z0-9\-._~/{}%:@!$&'()*+,;=]*$/;

export const ApiOperation = z
  .object({
    /** The tool's name, unique across the spec. */
    name: ApiIdentifier,
    method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]),
    path: z.string().max(2_000).regex(PATH_TEMPLATE, "is not a URL path template"),
    description: Text(1_000).pipe(z.string().min(1)),
    params: z.array(ApiParam).max(50).default([]),
    /** A JSON request body, passed as the tool input's `body`. */
    body: z.object({ required: z.boolean().default(false), schema: ApiSchema }).optional(),
  })
  .superRefine((op, ctx) => {
    const inPath = [...op.path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!);
    const declared = new Set(op.params.filter((p) => p.in === "path").map((p) => p.name));
    for (const name of inPath) {
      if (!declared.has(name)) ctx.addIssue({ code: "custom", path: ["path"], message: `uses {${name}} but no path parameter '${name}' is declared` });
    }
    const keys = new Set<string>();
    op.params.forEach((p, i) => {
      if (p.in === "path" && !p.required) ctx.addIssue({ code: "custom", path: ["params", i, "required"], message: "a path parameter must be required" });
      if (keys.has(p.name) || (op.body && p.name === "body")) ctx.addIssue({ code: "custom", path: ["params", i, "name"], message: `'${p.name}' is used twice in the tool's input` });
      keys.add(p.name);
    });
  });
export type ApiOperation = z.infer<typeof ApiOperation>;

const BaseUrl = z
  .string()
  .max(2_000)
  .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol) && !new URL(u).username && !new URL(u).search && !new URL(u).hash, {
    message: "must be an http(s) URL without credentials, query or fragment",
  });

export const ApiTool = z
  .object({
    /** Groups the operations of one API; names its settings (`<NAME>_API_KEY`). */
    name: ApiIdentifier,
    title: Text(200).default(""),
    baseUrl: BaseUrl,
    /** Hosts the generated code may call; the base URL's host must be one of them. */
    allowedHosts: z.array(z.string().regex(/^[a-z0-9.-]{1,253}$|^\[[0-9a-f:]+\]$/, "is not a host name")).min(1).max(10),
    auth: ApiAuth.default({ kind: "none" }),
    /** Longest a call may take. */
    timeoutSeconds: z.number().int().min(1).max(120).default(20),
    /** AgentCore only: serve the operations through an AgentCore Gateway target instead of in-process tools. */
    exposure: z.enum(["agent", "gateway"]).default("agent"),
    operations: z.array(ApiOperation).min(1).max(50),
  })
  .superRefine((api, ctx) => {
    if (URL.canParse(api.baseUrl) && !api.allowedHosts.includes(new URL(api.baseUrl).hostname)) {
      ctx.addIssue({ code: "custom", path: ["allowedHosts"], message: `must include the base URL's host '${new URL(api.baseUrl).hostname}'` });
    }
  });
export type ApiTool = z.infer<typeof ApiTool>;

/** The spec section: operation names are unique across all APIs, since each is a tool name. */
export const ApiToolsSection = z
  .array(ApiTool)
  .max(10)
  .superRefine((apis, ctx) => {
    const seen = new Set<string>();
    const apiNames = new Set<string>();
    apis.forEach((api, a) => {
      if (apiNames.has(api.name)) ctx.addIssue({ code: "custom", path: [a, "name"], message: `API '${api.name}' is listed twice` });
      apiNames.add(api.name);
      api.operations.forEach((op, o) => {
        if (seen.has(op.name)) ctx.addIssue({ code: "custom", path: [a, "operations", o, "name"], message: `tool name '${op.name}' is used twice` });
        seen.add(op.name);
      });
    });
  });
export type ApiToolsSection = z.infer<typeof ApiToolsSection>;
