import { DomainError } from "../errors";
import { ToolConflictError, type ToolConflict } from "./errors";
import { CheckToolsInput, parseInput } from "./inputs";
import { getToolOrThrow, type Registry } from "./load";
import { choiceMisfits, duplicateChoices } from "./tool-fit";
import { resolveTools } from "./tools";

/**
 * Whether a tool selection can be saved: the one answer the Tools tab's Save button shows
 * and `setToolSelection` enforces, so the tab never offers a save the server refuses nor
 * blocks one it accepts. Fit is the check of record (tool-fit.ts): each tool judged as the
 * entry the generator builds for it, a deprecated tool as its replacement.
 */
export type ToolSelectionCheck = {
  /** Tools the generator would refuse, in list order, each with why and the fitting alternatives' ids. */
  refused: { index: number; toolId: string; kind: "language" | "target" | "duplicate"; field: string; reason: string; alternatives: string[] }[];
  /** Tools that cannot be combined, or a package whose version ranges cannot all be met. */
  conflicts: ToolConflict[];
};

/** @throws DomainError("not_found") naming an unknown id; DomainError("invalid") for bad input. */
export function checkToolSelection(registry: Registry, raw: CheckToolsInput): ToolSelectionCheck {
  const { ids, language, target } = parseInput(CheckToolsInput, raw);
  const byId = (id: string) => registry.toolById.get(id);
  for (const id of ids) getToolOrThrow(id, registry); // an unknown id is NOT_FOUND, naming it
  const refused: ToolSelectionCheck["refused"] = choiceMisfits(ids, byId, { language, target }).map((m) => ({
    index: m.index,
    toolId: m.entry.id,
    kind: m.misfit.kind,
    field: `tools.${m.index}.id`,
    reason: m.misfit.sentence,
    alternatives: m.alternatives.map((a) => a.id),
  }));
  // The generator refuses one tool chosen twice, also when a deprecated one is generated as another choice.
  for (const d of duplicateChoices(ids, byId)) {
    refused.push({ index: d.index, toolId: ids[d.index]!, kind: "duplicate", field: `tools.${d.index}.id`, reason: d.sentence, alternatives: [] });
  }
  refused.sort((a, b) => a.index - b.index);
  return { refused, conflicts: conflictsOf(registry, ids, language) };
}

function conflictsOf(registry: Registry, ids: readonly string[], language: CheckToolsInput["language"]): ToolConflict[] {
  try {
    resolveTools(registry.tools, ids, language);
    return [];
  } catch (e) {
    if (e instanceof ToolConflictError) return [...e.conflicts];
    throw e;
  }
}

/** The check as the save's refusal: conflicts first (ToolConflictError), then the first refused tool. */
export function assertSelectionSaves(check: ToolSelectionCheck, nameOf: (id: string) => string): void {
  if (check.conflicts.length > 0) throw new ToolConflictError(check.conflicts);
  const first = check.refused[0];
  if (!first) return;
  const alternatives = first.alternatives.map((id) => `${nameOf(id)} (${id})`);
  const instead = alternatives.length
    ? `; use ${alternatives.slice(0, 2).join(" or ")} instead`
    : first.kind === "duplicate" ? "; remove one" : "; the registry has no alternative that fits";
  throw new DomainError("invalid", `${first.field}: ${first.reason}${instead}`, { field: first.field });
}
