import { z } from "zod";

/**
 * Schemas for the data files in registry/. They are the contract between the registry
 * data, the generator (tool snippets), the cost estimator (prices) and the UI.
 * A registry file that fails them stops start-up with the entry and field named.
 */

export const ISO_DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");

/** Where the model is served from: decides the SDK/provider code the generator emits. */
export const ModelProvider = z.enum(["bedrock", "openai", "anthropic", "google", "ollama"]);
export type ModelProvider = z.infer<typeof ModelProvider>;

/** null = the source does not say (the UI shows "unknown"), false = known unsupported. */
const Flag = z.boolean().nullable();

export const ModelCapabilities = z.object({
  toolUse: Flag,
  vision: Flag,
  reasoning: Flag,
  streaming: Flag,
  structuredOutput: Flag,
  promptCaching: Flag,
});
export type ModelCapabilities = z.infer<typeof ModelCapabilities>;
export type Capability = keyof ModelCapabilities;

/** USD per 1M tokens; null = not published in the reference. */
const Price = z.number().nonnegative().finite().nullable();

export const ModelPricing = z.object({
  inputPer1M: Price,
  outputPer1M: Price,
  cacheReadPer1M: Price,
  cacheWritePer1M: Price,
  /** Batch inference prices where the provider offers batch for this model. */
  batchInputPer1M: Price,
  batchOutputPer1M: Price,
});
export type ModelPricing = z.infer<typeof ModelPricing>;

export const ModelEntry = z.object({
  /** Exactly the id the SDK is called with, e.g. `us.anthropic.claude-…` for a cross-region profile. */
  id: z.string().min(1),
  /** For inference-profile ids: the foundation model id underneath; otherwise null. */
  baseModelId: z.string().min(1).nullable(),
  /** Inference profile scope: null for in-region ids. */
  inferenceProfile: z.enum(["us", "eu", "apac", "jp", "au", "global", "us-gov"]).nullable(),
  provider: ModelProvider,
  /** Who made the model (Anthropic, Amazon, Meta, …). */
  vendor: z.string().min(1),
  family: z.string().min(1),
  name: z.string().min(1),
  contextWindow: z.number().int().positive().nullable(),
  maxOutputTokens: z.number().int().positive().nullable(),
  capabilities: ModelCapabilities,
  pricing: ModelPricing,
  status: z.enum(["active", "legacy", "deprecated"]),
  deprecationDate: ISO_DATE.nullable(),
  /** Bedrock models we stand behind; recommendation prefers them among equals. */
  recommended: z.boolean(),
  /** Ollama only: parameter count and download size as published. */
  local: z.object({ parameters: z.string().nullable(), downloadSize: z.string().nullable() }).nullable(),
  source: z.string().min(1),
  asOf: ISO_DATE,
});
export type ModelEntry = z.infer<typeof ModelEntry>;

export const ModelRegistryFile = z.object({
  version: z.string().min(1),
  models: z.array(ModelEntry).min(1),
});

export const ToolCategory = z.enum([
  "knowledge",
  "memory",
  "code-execution",
  "web",
  "file-system",
  "data",
  "communication",
  "aws",
  "mcp",
  "utilities",
]);
export type ToolCategory = z.infer<typeof ToolCategory>;

export const DeploymentTargetId = z.enum(["agentcore", "ecs-fargate", "lambda"]);
export type DeploymentTargetId = z.infer<typeof DeploymentTargetId>;
export const PlatformId = z.enum(["agentcore", "ecs-fargate", "lambda", "local"]);
export type PlatformId = z.infer<typeof PlatformId>;

export const PackageRequirement = z.object({
  name: z.string().min(1),
  /** pip specifier (">=0.2.0,<0.3") or npm range ("^1.16.0"). */
  version: z.string().min(1),
});
export type PackageRequirement = z.infer<typeof PackageRequirement>;

/**
 * The code the generator places for a tool. Snippets are trusted registry data and are
 * copied verbatim: they never contain user text. A tool's user configuration reaches
 * the generated code at run time as `cfg` (a dict / object parsed from the generated
 * `agent_config.json`), never by interpolation.
 */
export const ToolSnippet = z.object({
  packages: z.array(PackageRequirement),
  /** Import lines, one per entry, e.g. `from strands_tools import calculator`. */
  imports: z.array(z.string().min(1)),
  /** Statements run once at start-up (may read `cfg`), e.g. creating an MCP client. */
  init: z.array(z.string()),
  /** The expression placed in the agent's tools list, e.g. `calculator`. */
  toolExpr: z.string().min(1),
});
export type ToolSnippet = z.infer<typeof ToolSnippet>;

export const ToolConfigParam = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  type: z.enum(["string", "number", "boolean"]),
  required: z.boolean(),
  secret: z.boolean(),
  default: z.union([z.string(), z.number(), z.boolean()]).nullable(),
  description: z.string(),
});
export type ToolConfigParam = z.infer<typeof ToolConfigParam>;

export const ToolEnvVar = z.object({
  name: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  secret: z.boolean(),
  required: z.boolean(),
  description: z.string(),
});

export const IamStatement = z.object({
  actions: z.array(z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9*]+$/)).min(1),
  /** ARNs or "*"; `${region}`/`${account}` placeholders are filled by the generator. */
  resources: z.array(z.string().min(1)).min(1),
});
export type IamStatement = z.infer<typeof IamStatement>;

export const PlatformSupport = z.object({
  supported: z.boolean(),
  /** Why it is unsupported or what to watch for (needs a shell, a browser, a writable disk, …). */
  reason: z.string().nullable(),
});

/** What a tool can change outside the agent (registry/reference/side-effects.json); approval pauses before such tools run. */
export const SideEffect = z.enum(["shell", "file-write", "http-write", "ticket", "message"]);
export type SideEffect = z.infer<typeof SideEffect>;

export const ToolEntry = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_-]*$/),
  name: z.string().min(1),
  category: ToolCategory,
  description: z.string().min(1),
  kind: z.enum(["strands-tools", "strands-vended", "mcp-server", "aws-sdk", "custom"]),
  python: ToolSnippet.nullable(),
  typescript: ToolSnippet.nullable(),
  config: z.array(ToolConfigParam),
  env: z.array(ToolEnvVar),
  iam: z.array(IamStatement),
  platforms: z.object({
    agentcore: PlatformSupport,
    "ecs-fargate": PlatformSupport,
    lambda: PlatformSupport,
    local: PlatformSupport,
  }),
  conflicts: z.array(z.object({ toolId: z.string(), reason: z.string().min(1) })),
  alternatives: z.array(z.string()),
  status: z.enum(["active", "deprecated"]),
  /** For deprecated entries: the tool id that replaces it. */
  replacedBy: z.string().nullable(),
  example: z.string().min(1),
  source: z.string().min(1),
  asOf: ISO_DATE,
  /** Absent = none; written by scripts/build-tools-registry.ts from registry/reference/side-effects.json. */
  sideEffects: z.array(SideEffect).default([]),
});
export type ToolEntry = z.infer<typeof ToolEntry>;

export const ToolRegistryFile = z.object({
  version: z.string().min(1),
  tools: z.array(ToolEntry).min(1),
});
