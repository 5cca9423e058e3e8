import { parseSpecOrThrow, type AgentSpec } from "../spec/agent-spec";
import type { SpecPatch } from "./types";

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Deep merge: objects merge key by key, arrays and scalars replace. Inputs are not mutated. */
export function mergePatch<T>(base: T, patch: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(patch)) return (patch === undefined ? base : patch) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? mergePatch(out[key], value) : value;
  }
  return out as T;
}

/**
 * What a suggestion's "apply" does: merges the patch into the spec and validates the
 * result, so an apply can never store an invalid spec.
 */
export function applySpecPatch(spec: AgentSpec, patch: SpecPatch): AgentSpec {
  return parseSpecOrThrow(mergePatch(spec, patch), "The change makes the spec invalid");
}

