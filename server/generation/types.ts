import type { AgentSpec } from "../spec/agent-spec";
import type { ModelEntry, ToolEntry, ToolSnippet, IamStatement, PackageRequirement } from "../registry/schema";

/**
 * Registry lookups the generator needs, passed in so generation stays a pure function
 * of its arguments (server/registry/load.ts provides them; tests pass fixtures).
 * A lookup may return undefined or throw a not_found DomainError for an unknown id.
 */
export type RegistryLookup = {
  getModel(id: string): ModelEntry | undefined;
  getTool(id: string): ToolEntry | undefined;
};

/** The provider the generated code talks to at run time (AGENT_MODEL_PROVIDER). */
export type RuntimeProvider = "bedrock" | "openai-compatible" | "ollama";

export type ResolvedModel = {
  entry: ModelEntry;
  provider: RuntimeProvider;
  /** Default AGENT_MODEL_BASE_URL; null for Bedrock. */
  baseUrl: string | null;
};

export type ResolvedTool = {
  /** The id in the spec (what the user chose). */
  requestedId: string;
  entry: ToolEntry;
  snippet: ToolSnippet;
  /** Non-secret config, defaults applied, keys sorted. */
  config: Record<string, string | number | boolean>;
  /** Secret config params → the environment variable that carries each. */
  secretParams: Record<string, string>;
};

export type ResolvedProject = {
  spec: AgentSpec;
  model: ResolvedModel;
  tools: ResolvedTool[];
  /** Human-readable notes: substitutions of deprecated tools, warnings. */
  notes: string[];
};

/** File contents: text for every file the generator writes today; bytes allowed for assets. */
export type FileContent = string | Uint8Array;
export type ProjectFiles = Map<string, FileContent>;

export type GeneratedProject = {
  /** Sorted by path. */
  files: ProjectFiles;
  /** sha256 (hex) over sorted path + bytes; identical specs give identical hashes. */
  contentHash: string;
  templateVersion: string;
  notes: string[];
  /** IAM statements the deployment role must carry (also used by verification). */
  requiredIam: IamStatement[];
};

export type { PackageRequirement, IamStatement };
