import type { SpecDraft } from "../../consultation/rules/draft";
import type { DraftChange } from "./write";
import type { DraftState } from "./state";

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

/** Dotted paths of a patch's leaves (arrays are leaves): what the user chose, to lock. */
export function leafPaths(patch: unknown, prefix = ""): string[] {
  if (!isPlainObject(patch)) return prefix ? [prefix] : [];
  return Object.entries(patch).flatMap(([k, v]) => (v === undefined ? [] : leafPaths(v, prefix ? `${prefix}.${k}` : k)));
}

/** The draft with `paths` locked, so a later extraction turn keeps the user's choice. */
export const withLocks = (draft: SpecDraft, paths: readonly string[]): SpecDraft => ({ ...draft, lockedPaths: [...new Set([...(draft.lockedPaths ?? []), ...paths])].sort() });

/** The change a SpecPatch makes: deep-merged into the draft, its leaves locked. */
export const patchChange =
  (patch: unknown) =>
  (current: DraftState): DraftChange => ({ draft: withLocks(mergePatch(current.draft, patch), leafPaths(patch)) });
