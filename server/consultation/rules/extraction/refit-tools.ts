import type { ToolEntry } from "../../../registry/schema";
import { choiceMisfits, type ToolFitContext } from "../../../registry/tool-fit";
import { conflictOf, contextLabel, resolveIntent } from "./resolve-tool";
import { defaultToolConfig } from "./tool-config";
import { TOOL_INTENTS } from "./tool-intents";

type Choice = { id: string; config: Record<string, string | number | boolean> };
/** A chosen tool as drafts and specs hold it (a draft's config may be unset). */
type ChosenTool = { id: string; config?: Choice["config"] };

export type RefitTools = {
  tools: Choice[];
  /** What changed and why, one sentence per tool, for the PM to say. */
  notes: string[];
  /** Ids swapped out or left out (none of them is in `tools`). */
  replaced: string[];
  /** Why each of them does not fit (the check of record's sentence). */
  reasons: string[];
};

/**
 * The tool list made to fit the agent's language and target (the generator refuses a tool
 * that does not): each tool that does not fit is swapped for its registry replacement or
 * alternative that fits, else for the fitting tool of the need it serves; with none, it is
 * left out. Tools that fit are kept with their settings (copied: the list returned is new,
 * and an unset config is {}). Every swap and drop gets a sentence.
 */
export function refitTools(current: readonly ChosenTool[], registryTools: readonly ToolEntry[], ctx: ToolFitContext & { region?: string }): RefitTools {
  const byId = (id: string) => registryTools.find((t) => t.id === id);
  const tools: Choice[] = [];
  const notes: string[] = [];
  const replaced: string[] = [];
  const reasons: string[] = [];
  const misfits = choiceMisfits(current.map((c) => c.id), byId, ctx);
  for (const [index, choice] of current.entries()) {
    const found = misfits.find((m) => m.index === index);
    if (!found) {
      tools.push({ id: choice.id, config: { ...(choice.config ?? {}) } });
      continue;
    }
    const { entry, misfit } = found;
    replaced.push(choice.id);
    reasons.push(misfit.sentence);
    // The tool being replaced is going: a conflict with it (both register `http_request`) does not count.
    const taken = [...tools.map((t) => t.id), ...current.filter((c) => c !== choice).map((t) => t.id)];
    const usable = (t: ToolEntry) => !taken.includes(t.id) && !conflictOf(t, taken, registryTools);
    const alternative = found.alternatives.find(usable) ?? intentToolFor(entry, registryTools, ctx, usable);
    if (alternative) {
      tools.push({ id: alternative.id, config: defaultToolConfig(alternative, ctx.region) });
      notes.push(`${misfit.sentence}; I swapped it for ${alternative.name}, which fits ${contextLabel(ctx)}.`);
    } else {
      notes.push(`${misfit.sentence}, and no registry alternative fits ${contextLabel(ctx)}; I left it out. Pick another tool in the Tools tab if you need one.`);
    }
  }
  // Two misfits may share an alternative; keep the first.
  const unique = tools.filter((t, i) => tools.findIndex((x) => x.id === t.id) === i);
  return { tools: unique, notes, replaced, reasons };
}

/** The fitting tool of an intent the tool is preferred for ("tavily" serves web search). */
function intentToolFor(entry: ToolEntry, tools: readonly ToolEntry[], ctx: ToolFitContext, usable: (t: ToolEntry) => boolean): ToolEntry | undefined {
  for (const intent of TOOL_INTENTS.filter((i) => (i.prefer as readonly string[]).includes(entry.id))) {
    const tool = resolveIntent(intent, tools, ctx);
    if (tool && usable(tool)) return tool;
  }
  return undefined;
}
