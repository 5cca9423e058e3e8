import type { Registry } from "./load";
import { modelSummary, toolSummaryIn, type ModelSummary, type ToolSummary } from "./summaries";

export type ModelList = { version: string; total: number; models: ModelSummary[] };
export type ToolList = { version: string; total: number; tools: ToolSummary[] };

/**
 * The unfiltered registry lists, built once per registry and deep-frozen: registry data is
 * static per release, and a frozen answer is serialised once (server/api/transformer.ts).
 * superjson walking 211 summaries per call was 45 % of `registry.models.list`'s profile.
 * A copy is frozen, never the registry's own entries (summaries share their nested objects).
 */
const unfiltered = new WeakMap<Registry, { models?: ModelList; tools?: ToolList }>();

export function wholeModelList(registry: Registry): ModelList {
  const lists = unfiltered.get(registry) ?? unfiltered.set(registry, {}).get(registry)!;
  return (lists.models ??= deepFrozenCopy({ version: registry.modelsVersion, total: registry.models.length, models: registry.models.map(modelSummary) }));
}

export function wholeToolList(registry: Registry): ToolList {
  const lists = unfiltered.get(registry) ?? unfiltered.set(registry, {}).get(registry)!;
  return (lists.tools ??= deepFrozenCopy({ version: registry.toolsVersion, total: registry.tools.length, tools: registry.tools.map(toolSummaryIn(registry)) }));
}

function deepFrozenCopy<T>(value: T): T {
  const freeze = (v: unknown): unknown => {
    if (typeof v === "object" && v !== null) {
      for (const child of Object.values(v)) freeze(child);
      Object.freeze(v);
    }
    return v;
  };
  return freeze(structuredClone(value)) as T;
}
