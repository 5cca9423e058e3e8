import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DomainError } from "../errors";
import { parseModelRegistry, parseToolRegistry } from "./parse";
import type { ModelEntry, ToolEntry } from "./schema";

/** The validated registries with id indexes; built once per process. */
export type Registry = {
  modelsVersion: string;
  toolsVersion: string;
  models: readonly ModelEntry[];
  tools: readonly ToolEntry[];
  modelById: ReadonlyMap<string, ModelEntry>;
  toolById: ReadonlyMap<string, ToolEntry>;
};

/** Builds a Registry from already-validated entries (tests pass fixtures here). */
export function createRegistry(
  models: readonly ModelEntry[],
  tools: readonly ToolEntry[],
  versions: { models: string; tools: string } = { models: "test", tools: "test" },
): Registry {
  return {
    modelsVersion: versions.models,
    toolsVersion: versions.tools,
    models,
    tools,
    modelById: new Map(models.map((m) => [m.id, m])),
    toolById: new Map(tools.map((t) => [t.id, t])),
  };
}

/**
 * Reads and validates registry/models.json and registry/tools.json from `dir` (the
 * composition root passes `registry/` under the working directory). Throws
 * RegistryFileError, naming the file, entry and field, when either file is invalid.
 */
export function loadRegistryFrom(dir: string): Registry {
  const modelsFile = join(dir, "models.json");
  const toolsFile = join(dir, "tools.json");
  const models = parseModelRegistry(readFileSync(modelsFile, "utf8"), modelsFile);
  const tools = parseToolRegistry(readFileSync(toolsFile, "utf8"), toolsFile);
  return createRegistry(models.models, tools.tools, { models: models.version, tools: tools.version });
}

/** The lookups the generator takes (RegistryLookup), over one registry. */
export const registryLookup = (r: Registry) => ({
  getModel: (id: string): ModelEntry | undefined => r.modelById.get(id),
  getTool: (id: string): ToolEntry | undefined => r.toolById.get(id),
});

/** @throws DomainError("not_found") naming the id. */
export function getModelOrThrow(id: string, registry: Registry): ModelEntry {
  const model = registry.modelById.get(id);
  if (!model) throw new DomainError("not_found", `Model '${id}' is not in the model registry`, { id });
  return model;
}

/** @throws DomainError("not_found") naming the id. */
export function getToolOrThrow(id: string, registry: Registry): ToolEntry {
  const tool = registry.toolById.get(id);
  if (!tool) throw new DomainError("not_found", `Tool '${id}' is not in the tool registry`, { id });
  return tool;
}
