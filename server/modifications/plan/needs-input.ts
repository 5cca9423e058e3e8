import type { ToolEntry } from "../../registry/schema";
import type { AgentSpec } from "../../spec/agent-spec";
import { parseConfigAnswer } from "../../consultation/rules/extraction/tool-config";
import type { Edit, NeededInput, RuleOutcome } from "./types";

/** Answers to needed settings, keyed by `param` or `toolId.param` ("team_id=T012AB3CD"). */
export type Answers = Record<string, string>;

const NOT_YET = /^\s*(not yet|later|skip|unknown|tbd|no idea|don'?t know)\s*$/i;

/** Required, non-secret settings without a default: the ones a plan cannot make up. */
function unfilled(entry: ToolEntry, config: Record<string, unknown>) {
  return entry.config.filter((p) => p.required && !p.secret && p.default === null && (config[p.name] === undefined || config[p.name] === ""));
}

/** Tools the plan adds (not in `before`), with their index in the planned spec. */
function addedTools(before: AgentSpec, after: AgentSpec) {
  return after.tools.map((t, index) => ({ t, index })).filter(({ t }) => !before.tools.some((b) => b.id === t.id));
}

/** Fills added tools' settings from the user's answers ("not yet" leaves a setting open). */
export function applyAnswers(before: AgentSpec, after: AgentSpec, tools: readonly ToolEntry[], answers: Answers): RuleOutcome {
  const why: string[] = [];
  const next = after.tools.map((t) => ({ ...t, config: { ...t.config } }));
  for (const { t, index } of addedTools(before, after)) {
    const entry = tools.find((e) => e.id === t.id);
    if (!entry) continue;
    for (const p of unfilled(entry, t.config)) {
      const raw = answers[`${t.id}.${p.name}`] ?? answers[p.name];
      if (raw === undefined || NOT_YET.test(raw)) continue;
      const value = parseConfigAnswer(raw, p.type);
      if (value === undefined) continue;
      next[index]!.config[p.name] = value;
      why.push(`sets ${entry.name}'s ${p.description} as answered`);
    }
  }
  // The whole list is one edit: the planner's paths are object paths, not array indexes.
  const edits: Edit[] = why.length ? [{ path: "tools", to: next, why: why.join("; ") }] : [];
  return { edits };
}

/** The settings still missing after the answers, asked by their human names. */
export function askForSettings(before: AgentSpec, after: AgentSpec, tools: readonly ToolEntry[]): NeededInput[] {
  return addedTools(before, after).flatMap(({ t, index }) => {
    const entry = tools.find((e) => e.id === t.id);
    return entry ? unfilled(entry, t.config).map((p) => ({ toolId: t.id, param: p.name, label: `${p.description} for ${entry.name}`, path: `tools.${index}.config.${p.name}` })) : [];
  });
}
