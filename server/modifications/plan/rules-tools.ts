import type { ToolEntry } from "../../registry/schema";
import type { AgentSpec } from "../../spec/agent-spec";
import { defaultToolConfig } from "../../consultation/rules/extraction/tool-config";
import { conflictOf, contextLabel, intentMisfit, resolveIntent } from "../../consultation/rules/extraction/resolve-tool";
import { refitTools } from "../../consultation/rules/extraction/refit-tools";
import { fitOrAlternative } from "../../registry/tool-fit";
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

  const wanted: { entry: ToolEntry; reason: string }[] = named.flatMap((entry) => fittingNamed(entry, registry.tools, spec, notes));
  for (const intent of intents) {
    if (spec.tools.some((t) => servesIntent(t.id, intent, registry.tools))) {
      notes.push(`the agent already has a tool for ${intent.label}`);
      continue;
    }
    const entry = resolveIntent(intent, registry.tools, platformOf(spec));
    if (entry) wanted.push({ entry, reason: `adds ${entry.name} for ${intent.label}` });
    // The registry may have the tool, just not for this language or target: say which and why.
    else notes.push(withoutStop(intentMisfit(intent, registry.tools, platformOf(spec)) ?? `the registry has no tool for ${intent.label}`));
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
  }
  const edits: Edit[] = reasons.length ? [{ path: "tools", to: tools, why: reasons.join("; ") }] : [];
  return { edits, notes } satisfies RuleOutcome;
};

function servesIntent(toolId: string, intent: (typeof TOOL_INTENTS)[number], tools: readonly ToolEntry[]): boolean {
  if ((intent.prefer as readonly string[]).includes(toolId)) return true;
  const entry = tools.find((t) => t.id === toolId);
  return !!entry && entry.category === intent.category && intent.keywords.some((k) => `${entry.id} ${entry.name} ${entry.description}`.toLowerCase().includes(k));
}

/**
 * The tool to add for registry matches of what the request names, for the agent's language
 * and target: the first match that fits, else the first fitting registry alternative of the
 * first match (the note says why), else none (the note says why).
 */
export function fittingTool(matches: readonly ToolEntry[], tools: readonly ToolEntry[], spec: AgentSpec): { entry?: ToolEntry; note?: string } {
  const ctx = platformOf(spec);
  const fit = fitOrAlternative(matches, (id) => tools.find((t) => t.id === id), ctx);
  if (fit.fitting) return { entry: fit.fitting };
  const { misfit, alternative } = fit;
  if (alternative) return { entry: alternative, note: `${misfit.sentence}; ${alternative.name} fits ${contextLabel(ctx)}` };
  return { note: `${misfit.sentence}, and no registry alternative fits ${contextLabel(ctx)}; I left it out` };
}

/** A tool the clause names by name, as it can be added (see `fittingTool`); a misfit is said in `notes`. */
function fittingNamed(entry: ToolEntry, tools: readonly ToolEntry[], spec: AgentSpec, notes: string[]): { entry: ToolEntry; reason: string }[] {
  const picked = fittingTool([entry], tools, spec);
  if (!picked.entry) {
    notes.push(picked.note!);
    return [];
  }
  return [{ entry: picked.entry, reason: picked.note ? `adds ${picked.entry.name} instead of ${entry.name} (${picked.note})` : `adds ${entry.name} as asked` }];
}

const withoutStop = (sentence: string) => sentence.replace(/\.$/, "");

/**
 * After a language or target change: the consultation's refit (the check of record) swaps
 * each tool that no longer fits for a fitting alternative or leaves it out, saying why.
 */
export function refitSpecTools(spec: AgentSpec, tools: readonly ToolEntry[]): RuleOutcome {
  const ctx = platformOf(spec);
  const refit = refitTools(spec.tools, tools, ctx);
  if (refit.replaced.length === 0) return { edits: [] };
  const why = `refits the tools to ${contextLabel(ctx)}`;
  return { edits: [{ path: "tools", to: refit.tools, why }], notes: refit.notes.map(withoutStop) };
}
