import { approvalIssues } from "./approval";
import { DomainError } from "../errors";
import { parseSpecOrThrow, type AgentSpec, type SpecIssue } from "../spec/agent-spec";
import type { ModelEntry, ToolEntry } from "../registry/schema";
import { generatedEntry, toolMisfits } from "../registry/tool-fit";
import type { RegistryLookup, ResolvedModel, ResolvedProject, ResolvedTool, RuntimeProvider } from "./types";

export { parseSpecOrThrow };

const specIssues = (message: string, issues: SpecIssue[]) =>
  new DomainError("invalid", `${message}: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, { issues });

function lookup<T>(fn: () => T | undefined): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (e instanceof DomainError && e.code === "not_found") return undefined;
    throw e;
  }
}

// Where the generated code sends requests by default when the registry names a
// provider other than Bedrock or Ollama: each of these serves an OpenAI-compatible API.
const DEFAULT_BASE_URL: Record<ModelEntry["provider"], string | null> = {
  bedrock: null,
  ollama: "http://localhost:11434",
  openai: "https://api.openai.com/v1",
  anthropic: "https://api.anthropic.com/v1/",
  google: "https://generativelanguage.googleapis.com/v1beta/openai/",
};

function resolveModel(spec: AgentSpec, registry: RegistryLookup, notes: string[]): ResolvedModel {
  const entry = lookup(() => registry.getModel(spec.model.id));
  if (!entry) throw new DomainError("not_found", `Model '${spec.model.id}' was not found in the registry`);
  const provider: RuntimeProvider =
    entry.provider === "bedrock" ? "bedrock" : entry.provider === "ollama" ? "ollama" : "openai-compatible";
  if (entry.status !== "active") notes.push(`Model '${entry.id}' is ${entry.status} in the registry.`);
  if (spec.tools.length > 0 && entry.capabilities.toolUse === false) {
    notes.push(`Model '${entry.id}' does not support tool use; the selected tools will not be called.`);
  }
  return { entry, provider, baseUrl: DEFAULT_BASE_URL[entry.provider] };
}

/** The entry generated for a chosen tool (tool-fit's generatedEntry), noting a deprecated one. */
function followReplacement(entry: ToolEntry, registry: RegistryLookup, notes: string[]): ToolEntry {
  if (entry.status !== "deprecated") return entry;
  const byId = (id: string) => lookup(() => registry.getTool(id));
  const next = entry.replacedBy ? byId(entry.replacedBy) : undefined;
  notes.push(
    next
      ? `Tool '${entry.id}' is deprecated; generated with its replacement '${next.id}'.`
      : `Tool '${entry.id}' is deprecated and has no replacement in the registry; it is kept.`,
  );
  return generatedEntry(entry, byId);
}

const envNameFor = (toolId: string, param: string) => `${toolId}_${param}`.toUpperCase().replace(/[^A-Z0-9]/g, "_");

function resolveTool(spec: AgentSpec, index: number, registry: RegistryLookup, issues: SpecIssue[], notes: string[]) {
  const choice = spec.tools[index]!;
  const found = lookup(() => registry.getTool(choice.id));
  if (!found) throw new DomainError("not_found", `Tool '${choice.id}' was not found in the registry`);
  const entry = followReplacement(found, registry, notes);
  const snippet = spec.language === "python" ? entry.python : entry.typescript;
  const at = `tools.${index}`;
  // The check of record (server/registry/tool-fit.ts): completeness and extraction ask it too.
  for (const misfit of toolMisfits(entry, { language: spec.language, target: spec.deployment.target })) {
    issues.push({ path: `${at}.id`, kind: "invalid", message: misfit.message });
  }
  const config: Record<string, string | number | boolean> = {};
  const secretParams: Record<string, string> = {};
  const params = new Map(entry.config.map((p) => [p.name, p]));
  for (const key of Object.keys(choice.config)) {
    if (!params.has(key)) issues.push({ path: `${at}.config.${key}`, kind: "invalid", message: `is not a setting of '${entry.id}'` });
  }
  for (const param of [...params.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const value = choice.config[param.name];
    const path = `${at}.config.${param.name}`;
    if (param.secret) {
      if (value !== undefined) issues.push({ path, kind: "invalid", message: "is a secret: set it in the environment, not in the spec" });
      secretParams[param.name] = envNameFor(entry.id, param.name);
      continue;
    }
    const effective = value ?? param.default ?? undefined;
    if (effective === undefined) {
      // The message names the setting as a person knows it (the registry's description), not only its key.
      if (param.required) issues.push({ path, kind: "missing", message: `is required: ${entry.name} needs "${param.description}"` });
      continue;
    }
    if (typeof effective !== param.type) {
      issues.push({ path, kind: "invalid", message: `expected a ${param.type}` });
      continue;
    }
    config[param.name] = effective;
  }
  return snippet ? { requestedId: choice.id, entry, snippet, config, secretParams } : undefined;
}

/**
 * Looks up the model and tools of a spec and checks the tool settings against the
 * registry. Unknown ids → not_found; unusable tools or bad settings → invalid with
 * every issue listed (same shape as validateSpec's issues).
 */
export function resolveProject(input: unknown, registry: RegistryLookup): ResolvedProject {
  const spec = parseSpecOrThrow(input);
  const notes: string[] = [];
  const model = resolveModel(spec, registry, notes);
  if (spec.memory.type === "agentcore-memory" || spec.memory.type === "dynamodb") {
    notes.push(`Memory '${spec.memory.type}' is generated as a per-session window of ${spec.memory.windowSize} messages; persistent memory is not generated yet.`);
  }
  const issues: SpecIssue[] = [];
  const seen = new Set<string>();
  spec.tools.forEach((t, i) => {
    if (seen.has(t.id)) issues.push({ path: `tools.${i}.id`, kind: "invalid", message: `tool '${t.id}' is listed twice` });
    seen.add(t.id);
  });
  const tools = spec.tools
    .map((_, i) => resolveTool(spec, i, registry, issues, notes))
    .filter((t): t is ResolvedTool => t !== undefined);
  const ids = new Set<string>();
  for (const t of tools) {
    if (ids.has(t.entry.id)) issues.push({ path: "tools", kind: "invalid", message: `tool '${t.entry.id}' is selected twice (after replacing deprecated tools)` });
    ids.add(t.entry.id);
  }
  issues.push(...approvalIssues({ spec }, tools));
  if (issues.length > 0) throw specIssues("The agent's tools cannot be generated", issues);
  return { spec: normalizeSpec(spec), model, tools, notes };
}

/** The spec with tool config keys sorted, so agent-spec.json does not depend on key order. */
function normalizeSpec(spec: AgentSpec): AgentSpec {
  const tools = spec.tools.map((t) => ({
    ...t,
    config: Object.fromEntries(Object.entries(t.config).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  }));
  return { ...spec, tools };
}
