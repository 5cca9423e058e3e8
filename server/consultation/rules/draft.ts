import type { AgentSpecDraft } from "../../spec/agent-spec";
import { getPath } from "../../spec/object-path";

/** One turn of the consultation as the extraction reads it. */
export type Turn = { role: "user" | "assistant"; content: string };

/**
 * The draft spec being built in consultation, plus two lists the extraction must honour:
 * `lockedPaths` — fields the user set by hand (or a chosen template's text), never
 *   overwritten by extraction; a path locks everything under it (`model` locks `model.id`).
 * `skippedPaths` — optional fields the user said they cannot answer ("no idea yet"), so
 *   the PM stops asking about them.
 * The spec schema strips both lists, so a draft can be passed to `validateSpec` as is.
 */
export type SpecDraft = AgentSpecDraft & { lockedPaths?: string[]; skippedPaths?: string[] };

export function isLocked(draft: SpecDraft, path: string): boolean {
  return (draft.lockedPaths ?? []).some((l) => l === path || path.startsWith(`${l}.`));
}

export { getPath };

/** Returns a copy of `obj` with `path` set (objects along the way are copied, not shared). */
export function setPath<T extends object>(obj: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split(".");
  const copy = { ...(obj as Record<string, unknown>) };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head!];
    else copy[head!] = value;
  } else {
    const child = copy[head!];
    copy[head!] = setPath(child && typeof child === "object" ? (child as object) : {}, rest.join("."), value);
  }
  return copy as T;
}

/**
 * A field edited by hand in the Consultation tab: set it and lock it, so the next
 * extraction keeps the user's value. The caller validates the resulting draft.
 */
export function applyUserEdit(draft: SpecDraft, path: string, value: unknown): SpecDraft {
  const next = setPath(draft, path, value);
  const locked = new Set(draft.lockedPaths ?? []);
  locked.add(path);
  const skipped = (draft.skippedPaths ?? []).filter((p) => p !== path);
  return { ...next, lockedPaths: [...locked].sort(), skippedPaths: skipped };
}

/** The draft without the consultation bookkeeping, as it goes into `validateSpec`. */
export function specInputOf(draft: SpecDraft): AgentSpecDraft {
  const { lockedPaths: _l, skippedPaths: _s, ...spec } = draft;
  return spec;
}
