import type { Language } from "./inputs";
import type { DeploymentTargetId, ToolEntry } from "./schema";

/**
 * Whether a registry tool fits an agent's language and deployment target: the check of
 * record. The generator (resolveProject) refuses a tool this check rejects, so the
 * spec's completeness, the offline extraction, the model-proposal validation and the tool
 * selection all ask this same function; none of them decides on its own.
 */

/** The agent's language (python when unset) and target; an undecided target is not checked. */
export type ToolFitContext = { language?: Language; target?: DeploymentTargetId };

export type ToolMisfit = {
  kind: "language" | "target";
  /** The generator's wording: "tool 'tavily' has no typescript implementation". */
  message: string;
  /** The same for a person: "Tavily search, extract, crawl and map has no TypeScript implementation in the registry". */
  sentence: string;
};

export const LANGUAGE_LABEL: Record<Language, string> = { python: "Python", typescript: "TypeScript" };
export const TARGET_LABEL: Record<DeploymentTargetId, string> = { agentcore: "AgentCore Runtime", "ecs-fargate": "ECS Fargate", lambda: "AWS Lambda" };

/**
 * Why the generator would refuse `entry` for the context; [] when it fits. `subject` is who
 * the sentence is about (the entry's name unless a deprecated choice is generated as it).
 */
export function toolMisfits(entry: ToolEntry, ctx: ToolFitContext, subject = entry.name): ToolMisfit[] {
  const language = ctx.language ?? "python";
  const misfits: ToolMisfit[] = [];
  if ((language === "python" ? entry.python : entry.typescript) === null) {
    misfits.push({
      kind: "language",
      message: `tool '${entry.id}' has no ${language} implementation`,
      sentence: `${subject} has no ${LANGUAGE_LABEL[language]} implementation in the registry`,
    });
  }
  const platform = ctx.target ? entry.platforms[ctx.target] : undefined;
  if (ctx.target && platform && !platform.supported) {
    const why = platform.reason ? `: ${platform.reason}` : "";
    misfits.push({
      kind: "target",
      message: `tool '${entry.id}' does not run on ${ctx.target}${why}`,
      sentence: `${subject} does not run on ${TARGET_LABEL[ctx.target]}${why}`,
    });
  }
  return misfits;
}

export const fitsToolContext = (entry: ToolEntry, ctx: ToolFitContext): boolean => toolMisfits(entry, ctx).length === 0;

/**
 * The entry the generator builds for a chosen tool: a deprecated tool is generated as its
 * active replacement when the registry has one (resolveProject follows `replacedBy` too).
 */
export function generatedEntry(entry: ToolEntry, byId: (id: string) => ToolEntry | undefined): ToolEntry {
  if (entry.status !== "deprecated" || !entry.replacedBy) return entry;
  const next = byId(entry.replacedBy);
  return next && next.status !== "deprecated" ? next : entry;
}

/**
 * Active registry tools that can stand in for `entry` in the context: its replacement
 * first, then its listed alternatives, each once, only those that fit.
 */
export function fittingAlternatives(entry: ToolEntry, byId: (id: string) => ToolEntry | undefined, ctx: ToolFitContext): ToolEntry[] {
  const ids = [...new Set([entry.replacedBy, ...entry.alternatives])].filter((id): id is string => id !== null && id !== entry.id);
  return ids.map(byId).filter((t): t is ToolEntry => t !== undefined && t.status === "active" && fitsToolContext(t, ctx));
}

export type ChoiceMisfit = { index: number; entry: ToolEntry; misfit: ToolMisfit; alternatives: ToolEntry[] };

/**
 * The chosen tools (by id, in list order) the generator would refuse in the context: each
 * judged as the entry it is generated as, with the first reason and what fits instead.
 * Unknown ids are skipped (validation reports them).
 */
export function choiceMisfits(ids: readonly string[], byId: (id: string) => ToolEntry | undefined, ctx: ToolFitContext): ChoiceMisfit[] {
  return ids.flatMap((id, index) => {
    const entry = byId(id);
    const misfit = entry && generatedMisfits(entry, byId, ctx)[0];
    if (!entry || !misfit) return [];
    return [{ index, entry, misfit, alternatives: fittingAlternatives(entry, byId, ctx) }];
  });
}

/**
 * Why the generator would refuse a chosen tool, judged as the entry it is generated as. For
 * a deprecated tool generated as its replacement the sentence says so, naming both: the
 * person chose "Current time", not "Time MCP server".
 */
export function generatedMisfits(entry: ToolEntry, byId: (id: string) => ToolEntry | undefined, ctx: ToolFitContext): ToolMisfit[] {
  const generated = generatedEntry(entry, byId);
  return toolMisfits(generated, ctx, generated === entry ? entry.name : `${entry.name} (deprecated, generated as ${generated.name})`);
}

/**
 * Choices the generator refuses as one tool chosen twice: the same id again, or a deprecated
 * tool generated as another choice (editor and file_editor). Each later one, with the first.
 */
export function duplicateChoices(ids: readonly string[], byId: (id: string) => ToolEntry | undefined): { index: number; firstIndex: number; sentence: string }[] {
  const built = ids.map((id) => byId(id)).map((e) => (e ? generatedEntry(e, byId) : undefined));
  return ids.flatMap((id, index) => {
    const g = built[index];
    const firstIndex = built.findIndex((other) => other !== undefined && other.id === g?.id);
    if (!g || firstIndex === index) return [];
    const [a, b] = [byId(ids[firstIndex]!)!, byId(id)!];
    const sentence = a.id === b.id ? `${g.name} is selected twice` : `${a.name} and ${b.name} are both generated as ${g.name}`;
    return [{ index, firstIndex, sentence }];
  });
}

/**
 * For registry matches of a tool someone named: the first match that fits; else why the
 * first match does not, with its first fitting alternative, if any. Callers say it.
 */
export function fitOrAlternative(
  matches: readonly ToolEntry[],
  byId: (id: string) => ToolEntry | undefined,
  ctx: ToolFitContext,
): { fitting: ToolEntry } | { fitting?: undefined; misfit: ToolMisfit; alternative?: ToolEntry } {
  const fitting = matches.find((t) => fitsToolContext(t, ctx));
  if (fitting) return { fitting };
  const first = matches[0]!;
  return { misfit: toolMisfits(first, ctx)[0]!, alternative: fittingAlternatives(first, byId, ctx)[0] };
}
