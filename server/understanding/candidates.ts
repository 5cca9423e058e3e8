import type { ToolEntry } from "../registry/schema";
import { searchTools, spotSystems } from "../consultation/rules/extraction/tool-search";
import { clip } from "../consultation/rules/extraction/text";

/**
 * The registry tools a model is shown for one message: the systems the message names,
 * then the best full-text matches, at most `limit` (never the whole registry).
 */
export function candidateTools(message: string, tools: readonly ToolEntry[], limit = 10): ToolEntry[] {
  const named = spotSystems(message, tools).flatMap((s) => s.tools);
  const found = searchTools(message, tools, limit);
  return [...new Map([...named, ...found].map((t) => [t.id, t])).values()].slice(0, limit);
}

/** One line per candidate, with what a valid `addTools` entry needs to know. */
export function describeCandidates(tools: readonly ToolEntry[]): string {
  return tools
    .map((t) => {
      const runs = (["agentcore", "ecs-fargate", "lambda"] as const).filter((p) => t.platforms[p].supported).join("/");
      const langs = [t.python && "python", t.typescript && "typescript"].filter(Boolean).join("/");
      const settings = t.config.filter((p) => !p.secret).map((p) => `${p.name}:${p.type}${p.required ? "*" : ""} (${p.description})`).join(", ");
      return `- ${t.id}: ${t.name}. ${clip(t.description, 160)} [runs on ${runs}; ${langs}${settings ? `; settings ${settings}` : ""}]`;
    })
    .join("\n");
}
