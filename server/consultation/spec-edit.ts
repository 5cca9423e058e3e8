import { autoAdvance } from "../projects/workflow";
import { applyUserEdit, assessCompleteness, type SpecDraft, type SpecRegistry } from "./rules";
import { setPath } from "./rules/draft";
import type { Platform } from "../platform/types";
import { getOwnedProject } from "../projects/service";
import { parseFieldValue } from "./field-schemas";
import type { UpdateSpecInput } from "./inputs";
import { describeState, draftAt, saveConsultation, type ConsultationState } from "./state";

export type SpecEditDeps = { platform: Platform; registry: SpecRegistry };

/**
 * Applies the user's edits to the draft (the manual path when extraction cannot fill a
 * field). Every value is checked against its AgentSpec field schema first: one bad value
 * is BAD_REQUEST naming the field and nothing is saved. Edited paths are locked, so the
 * next extraction keeps them. Saved conditional on the client's `rev`.
 */
export async function updateSpec(deps: SpecEditDeps, userId: string, input: UpdateSpecInput): Promise<ConsultationState> {
  const { platform, registry } = deps;
  await getOwnedProject(platform.db, userId, input.projectId);
  const before = await draftAt(platform, input.projectId, userId, input.rev);
  let draft = before.draft;
  for (const edit of input.edits) draft = applyEdit(draft, edit.path, edit.value, registry);
  const transition = autoAdvance(before.workflow, assessCompleteness(draft, registry.tools).completeness);
  const saved = await saveConsultation(deps, { projectId: input.projectId, ownerId: userId, rev: input.rev }, { draft, workflow: transition.state }, transition.events);
  return describeState(saved, registry);
}

/** One checked edit. A new deployment target drops the old target's settings but keeps the region and the IaC choice. */
export function applyEdit(draft: SpecDraft, path: string, value: unknown, registry: SpecRegistry): SpecDraft {
  const parsed = parseFieldValue(path, value, draft.tools as { id: string; config?: Record<string, unknown> }[] | undefined, registry);
  let next = draft;
  const setting = /^tools\.(\d+)\.config\.(\w+)$/.exec(path);
  if (setting) {
    // setPath copies objects, not arrays: rebuild the tool list around the one changed setting.
    const [index, key] = [Number(setting[1]), setting[2]!];
    const tools = (draft.tools ?? []).map((t, i) => (i === index ? { ...t, config: withKey(t.config ?? {}, key, parsed) } : t));
    const locked = [...new Set([...(draft.lockedPaths ?? []), path])].sort();
    return { ...draft, tools, lockedPaths: locked, skippedPaths: (draft.skippedPaths ?? []).filter((p) => p !== path) };
  }
  if (path === "deployment.target" && parsed !== draft.deployment?.target) {
    const { region, iac } = draft.deployment ?? {};
    next = setPath(next, "deployment", { ...(region ? { region } : {}), ...(iac ? { iac } : {}) });
  }
  return applyUserEdit(next, path, parsed);
}

function withKey<T extends Record<string, unknown>>(config: T, key: string, value: unknown): T {
  const copy: Record<string, unknown> = { ...config };
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy as T;
}
