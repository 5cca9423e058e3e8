import type { ToolSelectionCheck } from "~/server/registry/selection-check";

export type SaveGate =
  | { state: "open" }
  | { state: "checking" }
  | { state: "blocked"; refused: ToolSelectionCheck["refused"]; conflicts: ToolSelectionCheck["conflicts"] };

/**
 * The Tools tab's Save gate: the server's answer (registry.tools.check, the same check
 * selection.setTools enforces), never re-derived here. An empty selection needs no check;
 * an answer for another selection (still loading) keeps Save closed until it is known.
 */
export function saveGate(ids: readonly string[], check: { data?: ToolSelectionCheck; isPlaceholderData: boolean; isError: boolean }): SaveGate {
  if (ids.length === 0) return { state: "open" };
  // A failed check (e.g. unknown id) leaves the save to name the problem.
  if (check.isError) return { state: "open" };
  if (!check.data || check.isPlaceholderData) return { state: "checking" };
  const { refused, conflicts } = check.data;
  return refused.length === 0 && conflicts.length === 0 ? { state: "open" } : { state: "blocked", refused, conflicts };
}
