import type { ToolEntry } from "../../registry/schema";
import { choiceMisfits, type ToolMisfit } from "../../registry/tool-fit";
import type { SpecDraft } from "./draft";

/**
 * The draft's tools the generator would refuse for its language and target (the check of
 * record, server/registry/tool-fit.ts), as `tools.N.id` paths: the spec is not complete
 * while one is listed, and the page and the PM name the tool, why, and what fits instead.
 */

export type DraftMisfit = { path: string; index: number; entry: ToolEntry; misfit: ToolMisfit; alternatives: ToolEntry[] };

const TOOL_ID_PATH = /^tools\.(\d+)\.id$/;

/** Whether a path is a tool's `tools.N.id`, where a misfit is reported. */
export const isMisfitPath = (path: string): boolean => TOOL_ID_PATH.test(path);

const contextOf = (draft: SpecDraft) => ({ language: draft.language, target: draft.deployment?.target });

/** Every tool of the draft that does not fit, in list order. Unknown ids are left to validation. */
export function draftMisfits(draft: SpecDraft, tools: readonly ToolEntry[]): DraftMisfit[] {
  const byId = (id: string) => tools.find((t) => t.id === id);
  const ids = (draft.tools ?? []).map((choice) => choice.id);
  return choiceMisfits(ids, byId, contextOf(draft)).map((m) => ({ path: `tools.${m.index}.id`, ...m }));
}

/** The misfit a `tools.N.id` path points at, if that tool does not fit. */
export function misfitAt(path: string, draft: SpecDraft, tools: readonly ToolEntry[]): DraftMisfit | undefined {
  const m = TOOL_ID_PATH.exec(path);
  return m ? draftMisfits(draft, tools).find((x) => x.index === Number(m[1])) : undefined;
}

const names = (entries: readonly ToolEntry[]) => entries.slice(0, 2).map((t) => t.name).join(" or ");

/** The missing field in the user's words: "Tools (Slack has no TypeScript implementation in the registry; Slack MCP server fits)". */
export function misfitLabel(m: DraftMisfit): string {
  const instead = m.alternatives.length ? `${names(m.alternatives)} fits` : "remove it or change the language or target";
  return `Tools (${m.misfit.sentence}; ${instead})`;
}

/**
 * The PM's question about a tool that does not fit: it names the fitting alternative, and
 * how to answer. Tools picked in the Tools tab are the user's own there (the conversation
 * does not change them), so the question points there.
 */
export function misfitQuestion(m: DraftMisfit, draft: SpecDraft): string {
  const where = (draft.lockedPaths ?? []).includes("tools") ? " You picked it in the Tools tab: swap it there (it offers the alternative in one click)." : "";
  if (m.alternatives.length === 0) {
    return `${m.misfit.sentence}, and no registry alternative fits. Should I remove ${m.entry.name}?${where || ` Say "remove ${m.entry.name}", or change the language or deployment target.`}`;
  }
  const alt = m.alternatives[0]!;
  return `${m.misfit.sentence}, so the project cannot be generated with it. Shall I use ${alt.name} instead?${where || ` Say "use ${alt.name}" or "remove ${m.entry.name}".`}`;
}
