import type { VersionSummary } from "./types";

/**
 * The Code tab's place in the URL: `?tab=code&version=<id>&diff=<baseId>`, as the change
 * history links it (components/pipeline/pipeline-panel.tsx). No `version` means "the newest",
 * so the tab follows new versions as they land; `diff` opens the diff from that base.
 */
export type CodeParams = { version: string | null; diff: string | null };

const VERSION_ID = /^ver_[0-9a-z]{26}$/;

export function readCodeParams(params: Pick<URLSearchParams, "get">): CodeParams {
  const version = params.get("version");
  const diff = params.get("diff");
  return { version: version && VERSION_ID.test(version) ? version : null, diff: diff && VERSION_ID.test(diff) ? diff : null };
}

/** The query string for the Code tab with the given version and diff base (other params dropped). */
export function codeQuery(next: CodeParams): string {
  const q = new URLSearchParams({ tab: "code" });
  if (next.version) q.set("version", next.version);
  if (next.diff) q.set("diff", next.diff);
  return `?${q.toString()}`;
}

export type CodeSelection = {
  mode: "browse" | "diff";
  /** The version shown (browse) or the newer side of the diff. */
  selected: VersionSummary;
  /** The older side of the diff; null when there is nothing to compare with. */
  base: VersionSummary | null;
  /** Set when the URL named a version this project does not have. */
  notice: string | null;
};

/** The version just before `id` in a newest-first list. */
export function previousOf(versions: readonly VersionSummary[], id: string): VersionSummary | null {
  const i = versions.findIndex((v) => v.id === id);
  return i >= 0 ? (versions[i + 1] ?? null) : null;
}

/** Resolves the URL's choice against the project's versions (newest first); null without versions. */
export function resolveSelection(versions: readonly VersionSummary[], params: CodeParams): CodeSelection | null {
  const newest = versions[0];
  if (!newest) return null;
  const named = params.version ? versions.find((v) => v.id === params.version) : undefined;
  const selected = named ?? newest;
  const missing = [params.version && !named ? "version" : null, params.diff && !versions.some((v) => v.id === params.diff) ? "diff base" : null].filter(Boolean);
  const notice = missing.length > 0 ? `The ${missing.join(" and ")} in the link is not a version of this project; showing v${selected.version}.` : null;
  if (!params.diff) return { mode: "browse", selected, base: null, notice };
  const base = versions.find((v) => v.id === params.diff) ?? previousOf(versions, selected.id) ?? versions.find((v) => v.id !== selected.id) ?? null;
  return { mode: "diff", selected, base, notice };
}
