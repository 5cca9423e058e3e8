import type { ToolEntry } from "../../../registry/schema";
import type { ToolChoice } from "../../../spec/agent-spec";
import type { Signals } from "./signals";
import { defaultToolConfig, toolConfigPath } from "./tool-config";
import { fitOrAlternative, type ToolFitContext } from "../../../registry/tool-fit";
import { conflictOf, contextLabel, intentMisfit, resolveIntent } from "./resolve-tool";
import { refitTools } from "./refit-tools";
import { TOOL_INTENTS, type ToolIntentId } from "./tool-intents";

type Choice = { id: string; config: Record<string, string | number | boolean> };

export type MergedTools = {
  /** undefined: the conversation has not decided yet (the PM will ask). */
  tools?: Choice[];
  unresolved: string[];
  /** Tools swapped or left out because they do not fit the language or target, one sentence each. */
  notes: string[];
  /** Tool settings the user said they cannot give yet, as dotted paths. */
  skippedPaths: string[];
};

/**
 * The tool list after the conversation: the current tools, minus the ones the user
 * does not want, plus the ones the words (and the use case) call for, resolved in the
 * registry for the agent's language and deployment target; answered settings applied.
 */
export function mergeTools(
  current: readonly ToolChoice[] | undefined,
  signals: Signals,
  registryTools: readonly ToolEntry[],
  ctx: ToolFitContext & { region?: string },
): MergedTools {
  const { add, remove, unresolved, intentNotes, notes } = askedTools(signals, registryTools, ctx);
  if (!current && add.length === 0) return { tools: signals.noTools ? [] : undefined, unresolved, notes: [...intentNotes.map((n) => n.note), ...notes], skippedPaths: [] };

  // Tools picked for another language or target (Python was the default) are refitted.
  const refit = refitTools(
    (current ?? []).filter((t) => !remove.has(t.id)),
    registryTools,
    ctx,
  );
  // A need whose tool was just swapped or left out is said once, by the refit.
  const unsaid = intentNotes.filter((n) => !n.prefer.some((id) => refit.replaced.includes(id))).map((n) => n.note);
  const kept: Choice[] = refit.tools;
  for (const entry of add.filter((t) => !remove.has(t.id))) {
    const ids = kept.map((t) => t.id);
    if (!ids.includes(entry.id) && !conflictOf(entry, ids, registryTools)) kept.push({ id: entry.id, config: defaultToolConfig(entry, ctx.region) });
  }
  for (const { toolId, param, value } of signals.toolSettings) {
    const choice = kept.find((t) => t.id === toolId);
    if (choice) choice.config[param] = value;
  }
  const skippedPaths = signals.skippedSettings.flatMap(({ toolId, param }) => {
    const index = kept.findIndex((t) => t.id === toolId);
    return index >= 0 && kept[index]!.config[param] === undefined ? [toolConfigPath(index, param)] : [];
  });
  return { tools: kept, unresolved, notes: [...refit.notes, ...unsaid, ...notes], skippedPaths };
}

/**
 * What the words ask for: tools to add (each fitting the language and target), tools to
 * remove, needs the registry has no tool for, and needs or named tools with no tool that
 * fits (said in `intentNotes` / `notes`).
 */
function askedTools(signals: Signals, registryTools: readonly ToolEntry[], ctx: ToolFitContext) {
  const wanted = new Set<ToolIntentId>(signals.useCase?.implies ?? []);
  const unwanted = new Set<ToolIntentId>();
  for (const [id, want] of signals.toolIntents) (want ? wanted : unwanted).add(id);
  for (const id of unwanted) wanted.delete(id);
  const unresolved: string[] = [];
  const notes: string[] = [];
  const intentNotes: { prefer: readonly string[]; note: string }[] = [];
  const resolve = (ids: Set<ToolIntentId>, note: boolean) =>
    TOOL_INTENTS.filter((i) => ids.has(i.id)).flatMap((intent) => {
      const tool = resolveIntent(intent, registryTools, ctx);
      const misfit = !tool && note ? intentMisfit(intent, registryTools, ctx) : undefined;
      if (misfit) intentNotes.push({ prefer: intent.prefer, note: misfit });
      else if (!tool && note) unresolved.push(intent.label);
      return tool ? [tool] : [];
    });
  if (signals.noInternet) for (const id of ["web-search", "http", "browser"] as const) wanted.delete(id);
  const add = resolve(wanted, true);
  for (const { wanted: want, alternatives } of signals.namedTools.values()) {
    const named = want ? namedToolFor(alternatives, registryTools, ctx) : undefined;
    if (named?.tool) add.push(named.tool);
    if (named?.note) notes.push(named.note);
  }
  for (const name of signals.missingSystems) unresolved.push(`${name} (the registry has no tool for it; the custom-API route, the HTTP request tool on its REST API, can reach it)`);
  const remove = new Set(resolve(unwanted, false).map((t) => t.id));
  for (const { wanted: want, alternatives } of signals.namedTools.values()) if (!want) for (const t of alternatives) remove.add(t.id);
  if (signals.noInternet) for (const t of registryTools) if (t.category === "web") remove.add(t.id);
  return { add, remove, unresolved, intentNotes, notes };
}

/**
 * The tool a user named, for the agent's language and target: the first named match that
 * fits, else a fitting alternative (said), else none (said).
 */
function namedToolFor(named: readonly ToolEntry[], registryTools: readonly ToolEntry[], ctx: ToolFitContext): { tool?: ToolEntry; note?: string } {
  const fit = fitOrAlternative(named, (id) => registryTools.find((t) => t.id === id), ctx);
  if (fit.fitting) return { tool: fit.fitting };
  const { misfit, alternative } = fit;
  if (alternative) return { tool: alternative, note: `${misfit.sentence}; I added ${alternative.name} instead, which fits ${contextLabel(ctx)}.` };
  return { note: `${misfit.sentence}, and no registry alternative fits ${contextLabel(ctx)}; I left it out.` };
}
