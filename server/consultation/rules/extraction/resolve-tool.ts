import type { ToolEntry } from "../../../registry/schema";
import { fitsToolContext, LANGUAGE_LABEL, TARGET_LABEL, toolMisfits, type ToolFitContext } from "../../../registry/tool-fit";
import type { ToolIntent } from "./tool-intents";

/** Picking registry tools for an intent, for the agent's language and deployment target. */

/** "TypeScript on AWS Lambda", "Python". */
export const contextLabel = (ctx: ToolFitContext): string => `${LANGUAGE_LABEL[ctx.language ?? "python"]}${ctx.target ? ` on ${TARGET_LABEL[ctx.target]}` : ""}`;

/**
 * The registry tool for an intent: the first preferred tool that fits the language and
 * target, else the best keyword match in the category that fits, else undefined (never a
 * tool the generator would refuse; `intentMisfit` says why none fits).
 */
export function resolveIntent(intent: ToolIntent, tools: readonly ToolEntry[], ctx: ToolFitContext = {}): ToolEntry | undefined {
  const active = tools.filter((t) => t.status === "active");
  const preferred = intent.prefer.flatMap((id) => active.filter((t) => t.id === id));
  const fitting = preferred.find((t) => fitsToolContext(t, ctx));
  if (fitting) return fitting;
  let best: ToolEntry | undefined;
  let bestScore = 0;
  for (const tool of active.filter((t) => t.category === intent.category && fitsToolContext(t, ctx))) {
    const hay = `${tool.id} ${tool.name} ${tool.description}`.toLowerCase();
    const score = intent.keywords.reduce((s, k, i) => s + (hay.includes(k) ? intent.keywords.length - i : 0), 0);
    if (score > bestScore) {
      best = tool;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Why no tool serves an intent in this context, as the PM says it: "No web search tool in
 * the registry fits TypeScript on AWS Lambda (Tavily… has no TypeScript implementation in
 * the registry); I left web search out." Undefined when the registry has no tool for it at all.
 */
export function intentMisfit(intent: ToolIntent, tools: readonly ToolEntry[], ctx: ToolFitContext): string | undefined {
  const first = intent.prefer.map((id) => tools.find((t) => t.id === id && t.status === "active")).find((t) => t !== undefined);
  const why = first ? toolMisfits(first, ctx)[0] : undefined;
  return why ? `No ${intent.label} tool in the registry fits ${contextLabel(ctx)} (${why.sentence}); I left ${intent.label} out.` : undefined;
}

/** The first tool in `chosen` that `entry` conflicts with (either side may declare it). */
export function conflictOf(entry: ToolEntry, chosen: readonly string[], tools: readonly ToolEntry[]): string | undefined {
  return chosen.find(
    (id) => entry.conflicts.some((c) => c.toolId === id) || tools.find((t) => t.id === id)?.conflicts.some((c) => c.toolId === entry.id),
  );
}
