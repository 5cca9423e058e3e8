import { parseSpecOrThrow, type AgentSpec } from "../spec/agent-spec";
import { mergePatch } from "../spec/draft/patch";
import type { SpecPatch } from "./types";

/** The one deep merge of spec and usage patches lives with the draft module. */
export { mergePatch };

/**
 * What a suggestion's "apply" does: merges the patch into the spec and validates the
 * result, so an apply can never store an invalid spec.
 */
export function applySpecPatch(spec: AgentSpec, patch: SpecPatch): AgentSpec {
  return parseSpecOrThrow(mergePatch(spec, patch), "The change makes the spec invalid");
}

