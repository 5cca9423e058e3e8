import type { z } from "zod";
import { RegistryFileError, type RegistryIssue } from "./errors";
import { ModelRegistryFile, ToolRegistryFile, type ModelEntry, type ToolEntry } from "./schema";

export type ModelRegistry = { version: string; models: readonly ModelEntry[] };
export type ToolRegistry = { version: string; tools: readonly ToolEntry[] };

/**
 * Parses registry/models.json text. Fails with a RegistryFileError naming the file, entry
 * and field for: invalid JSON, a schema violation, a duplicate id, or an entry whose
 * fields contradict each other (a profile without its base model, a local model without
 * its local facts).
 */
export function parseModelRegistry(text: string, file: string): ModelRegistry {
  const data = parseFile(ModelRegistryFile, text, file, "models");
  const issues = [...duplicateIds(data.models, "models"), ...data.models.flatMap(modelConsistency)];
  if (issues.length > 0) throw new RegistryFileError(file, issues);
  return data;
}

/**
 * Parses registry/tools.json text. Besides the schema it checks what the schema cannot:
 * unique ids, references (replacedBy, alternatives, conflicts) that point at existing
 * tools, symmetric conflicts, a replacement for deprecated entries only, and at least one
 * language snippet per tool.
 */
export function parseToolRegistry(text: string, file: string): ToolRegistry {
  const data = parseFile(ToolRegistryFile, text, file, "tools");
  const ids = new Map(data.tools.map((t) => [t.id, t]));
  const issues = [...duplicateIds(data.tools, "tools"), ...data.tools.flatMap((t, i) => toolReferences(t, i, ids))];
  if (issues.length > 0) throw new RegistryFileError(file, issues);
  return data;
}

function parseFile<S extends z.ZodType>(schema: S, text: string, file: string, arrayKey: string): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new RegistryFileError(file, [{ index: null, id: null, field: "(file)", message: `invalid JSON: ${(e as Error).message}` }]);
  }
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const entries = (json as Record<string, unknown> | null)?.[arrayKey];
  const issues = result.error.issues.map((issue): RegistryIssue => {
    const [top, index, ...rest] = issue.path;
    if (top === arrayKey && typeof index === "number") {
      const raw = Array.isArray(entries) ? (entries[index] as { id?: unknown } | undefined) : undefined;
      const id = typeof raw?.id === "string" ? raw.id : null;
      return { index, id, field: rest.map(String).join(".") || "(entry)", message: issue.message };
    }
    return { index: null, id: null, field: issue.path.map(String).join(".") || "(root)", message: issue.message };
  });
  throw new RegistryFileError(file, issues);
}

function duplicateIds(entries: readonly { id: string }[], key: string): RegistryIssue[] {
  const first = new Map<string, number>();
  const issues: RegistryIssue[] = [];
  entries.forEach((e, index) => {
    const seen = first.get(e.id);
    if (seen === undefined) first.set(e.id, index);
    else issues.push({ index, id: e.id, field: "id", message: `duplicate id (first used by ${key}[${seen}])` });
  });
  return issues;
}

function modelConsistency(m: ModelEntry, index: number): RegistryIssue[] {
  const issue = (field: string, message: string): RegistryIssue => ({ index, id: m.id, field, message });
  const issues: RegistryIssue[] = [];
  if ((m.inferenceProfile === null) !== (m.baseModelId === null)) {
    issues.push(issue("baseModelId", "an inference-profile id needs its base model id, and only a profile id has one"));
  }
  if ((m.provider === "ollama") !== (m.local !== null)) issues.push(issue("local", "local facts are required for Ollama models and only for them"));
  if (m.recommended && m.provider !== "bedrock") issues.push(issue("recommended", "only Bedrock models are recommended"));
  return issues;
}

function toolReferences(t: ToolEntry, index: number, ids: Map<string, ToolEntry>): RegistryIssue[] {
  const issue = (field: string, message: string): RegistryIssue => ({ index, id: t.id, field, message });
  const issues: RegistryIssue[] = [];
  const ref = (field: string, target: string) => {
    if (target === t.id) issues.push(issue(field, "refers to the tool itself"));
    else if (!ids.has(target)) issues.push(issue(field, `unknown tool id "${target}"`));
  };
  if (t.python === null && t.typescript === null) issues.push(issue("python", "a tool needs a Python or a TypeScript snippet"));
  if (t.replacedBy !== null) {
    if (t.status !== "deprecated") issues.push(issue("replacedBy", "only deprecated tools have a replacement"));
    ref("replacedBy", t.replacedBy);
  }
  t.alternatives.forEach((a, i) => ref(`alternatives.${i}`, a));
  t.conflicts.forEach((c, i) => {
    ref(`conflicts.${i}.toolId`, c.toolId);
    const other = ids.get(c.toolId);
    if (other && !other.conflicts.some((back) => back.toolId === t.id)) {
      issues.push(issue(`conflicts.${i}.toolId`, `"${c.toolId}" does not declare the conflict back`));
    }
  });
  return issues;
}
