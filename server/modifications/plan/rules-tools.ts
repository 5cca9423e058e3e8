import type { ToolEntry } from "../../registry/schema";
import type { AgentSpec } from "../../spec/agent-spec";
import { defaultToolConfig } from "../../consultation/rules/extraction/tool-config";
import { conflictOf, fitsContext, resolveIntent } from "../../consultation/rules/extraction/resolve-tool";
import { TOOL_INTENTS } from "../../consultation/rules/extraction/tool-intents";
import { findMentions } from "../../consultation/rules/extraction/text";
import type { Edit, Rule, RuleOutcome } from "./types";

const platformOf = (spec: AgentSpec) => ({ language: spec.language, target: spec.deployment.target, region: spec.deployment.region });

/**
 * Active registry tools the clause names: by full name, or by an id with an underscore
 * ("code interpreter", "mcp_slack"). Bare one-word ids (memory, stop, graph) are ordinary
 * words, so those tools are reached through intents instead.
 */
function namedTools(clause: string, tools: readonly ToolEntry[]): ToolEntry[] {
  return tools.filter((t) => {
    if (t.status !== "active") return false;
    if (clause.includes(t.name.toLowerCase())) return true;
    return t.id.includes("_") && new RegExp(`\\b${t.id.replace(/_/g, "[ _-]")}\\b`).test(clause);
  });
}

/** "add web search", "remove code execution", "drop tavily", "no more Slack". */
export const toolRule: Rule = (ctx) => {
  const { spec, clause, verb, registry } = ctx;
  if (!verb) return undefined;
  const named = namedTools(clause, registry.tools);
  // "add the Slack MCP server" names a server: the generic MCP-client intent is not asked for.
  const intents = TOOL_INTENTS.filter((i) => i.patterns.some((re) => findMentions(clause, re).length > 0)).filter((i) => !(i.id === "mcp" && named.length > 0));
  if (intents.length === 0 && named.length === 0) return undefined;
  const tools = spec.tools.map((t) => ({ ...t }));
  const notes: string[] = [];
  const warnings: string[] = [];
  const label = (id: string) => registry.tools.find((e) => e.id === id)?.name ?? id;

  if (verb === "remove") {
    const ids = new Set([
      ...named.map((t) => t.id),
      // An intent removes every current tool that serves it, whichever was picked.
      ...intents.flatMap((i) => spec.tools.filter((t) => servesIntent(t.id, i, registry.tools)).map((t) => t.id)),
    ]);
    const kept = tools.filter((t) => !ids.has(t.id));
    if (kept.length === tools.length) return { edits: [], notes: [`the agent has no tool for ${intents.map((i) => i.label).join(", ") || named.map((t) => t.name).join(", ")} to remove`] };
    const removed = tools.filter((t) => ids.has(t.id)).map((t) => label(t.id));
    return { edits: [{ path: "tools", to: kept, why: `removes ${removed.join(", ")} as asked` }] };
  }

  const wanted: { entry: ToolEntry; reason: string }[] = named.map((entry) => ({ entry, reason: `adds ${entry.name} as asked` }));
  for (const intent of intents) {
    if (spec.tools.some((t) => servesIntent(t.id, intent, registry.tools))) {
      notes.push(`the agent already has a tool for ${intent.label}`);
      continue;
    }
    const entry = resolveIntent(intent, registry.tools, platformOf(spec));
    if (entry) wanted.push({ entry, reason: `adds ${entry.name} for ${intent.label}` });
    else notes.push(`the registry has no tool for ${intent.label}`);
  }
  const reasons: string[] = [];
  for (const { entry, reason } of wanted) {
    if (tools.some((t) => t.id === entry.id)) continue;
    const clash = conflictOf(entry, tools.map((t) => t.id), registry.tools);
    if (clash) {
      notes.push(`${entry.name} cannot be added next to ${label(clash)} (they conflict)`);
      continue;
    }
    tools.push({ id: entry.id, config: defaultToolConfig(entry, spec.deployment.region) });
    reasons.push(reason);
    if (!fitsContext(entry, platformOf(spec))) warnings.push(`${entry.name} has no ${spec.language} code or does not run on ${spec.deployment.target}`);
  }
  const edits: Edit[] = reasons.length ? [{ path: "tools", to: tools, why: reasons.join("; ") }] : [];
  return { edits, notes, warnings } satisfies RuleOutcome;
};

function servesIntent(toolId: string, intent: (typeof TOOL_INTENTS)[number], tools: readonly ToolEntry[]): boolean {
  if ((intent.prefer as readonly string[]).includes(toolId)) return true;
  const entry = tools.find((t) => t.id === toolId);
  return !!entry && entry.category === intent.category && intent.keywords.some((k) => `${entry.id} ${entry.name} ${entry.description}`.toLowerCase().includes(k));
}

/**
 * After a language or target change: swap each tool that no longer fits for the first
 * registry alternative that does, and warn about the ones with none.
 */
export function refitTools(spec: AgentSpec, tools: readonly ToolEntry[]): RuleOutcome {
  const ctx = platformOf(spec);
  const warnings: string[] = [];
  let swapped = false;
  const next = spec.tools.map((choice) => {
    const entry = tools.find((t) => t.id === choice.id);
    if (!entry || fitsContext(entry, ctx)) return choice;
    const alt = entry.alternatives
      .map((id) => tools.find((t) => t.id === id && t.status === "active"))
      .find((t): t is ToolEntry => !!t && fitsContext(t, ctx) && !spec.tools.some((c) => c.id === t.id));
    if (!alt) {
      warnings.push(`${entry.name} has no ${ctx.language} version that runs on ${ctx.target} in the registry; remove it or pick another tool`);
      return choice;
    }
    swapped = true;
    return { id: alt.id, config: defaultToolConfig(alt, ctx.region) };
  });
  const edits: Edit[] = swapped ? [{ path: "tools", to: next, why: `swaps tools that do not fit ${ctx.language} on ${ctx.target} for registry alternatives` }] : [];
  return { edits, warnings };
}
