import type { ToolEntry } from "../../../registry/schema";
import type { ToolIntent } from "./tool-intents";

/** Picking registry tools for an intent, for the agent's language and deployment target. */

/** The language and platform a tool must support to be picked. */
export type ToolContext = { language?: "python" | "typescript"; target?: "agentcore" | "ecs-fargate" | "lambda" };

export function fitsContext(tool: ToolEntry, ctx: ToolContext): boolean {
  const hasCode = (ctx.language ?? "python") === "typescript" ? tool.typescript !== null : tool.python !== null;
  return hasCode && (!ctx.target || tool.platforms[ctx.target].supported);
}

/**
 * The registry tool for an intent: the first preferred tool that fits the language and
 * target, else the best keyword match in the category, else a preferred tool that does
 * not fit (the registry's platform warnings then tell the user), else undefined.
 */
export function resolveIntent(intent: ToolIntent, tools: readonly ToolEntry[], ctx: ToolContext = {}): ToolEntry | undefined {
  const active = tools.filter((t) => t.status === "active");
  const preferred = intent.prefer.flatMap((id) => active.filter((t) => t.id === id));
  const fitting = preferred.find((t) => fitsContext(t, ctx));
  if (fitting) return fitting;
  let best: ToolEntry | undefined;
  let bestScore = 0;
  for (const tool of active.filter((t) => t.category === intent.category && fitsContext(t, ctx))) {
    const hay = `${tool.id} ${tool.name} ${tool.description}`.toLowerCase();
    const score = intent.keywords.reduce((s, k, i) => s + (hay.includes(k) ? intent.keywords.length - i : 0), 0);
    if (score > bestScore) {
      best = tool;
      bestScore = score;
    }
  }
  return best ?? preferred[0];
}

/** The first tool in `chosen` that `entry` conflicts with (either side may declare it). */
export function conflictOf(entry: ToolEntry, chosen: readonly string[], tools: readonly ToolEntry[]): string | undefined {
  return chosen.find(
    (id) => entry.conflicts.some((c) => c.toolId === id) || tools.find((t) => t.id === id)?.conflicts.some((c) => c.toolId === entry.id),
  );
}
