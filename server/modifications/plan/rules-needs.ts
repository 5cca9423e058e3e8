import type { ToolEntry } from "../../registry/schema";
import type { AgentSpec } from "../../spec/agent-spec";
import { NO_INTERNET } from "../../consultation/rules/extraction/signals";
import { promptNeedLines, readPromptNeeds, withPromptLines, type PromptNeeds } from "../../consultation/rules/extraction/prompt-needs";
import { conflictOf, resolveIntent } from "../../consultation/rules/extraction/resolve-tool";
import { defaultToolConfig } from "../../consultation/rules/extraction/tool-config";
import { TOOL_INTENTS } from "../../consultation/rules/extraction/tool-intents";
import { spotSystems } from "../../consultation/rules/extraction/tool-search";
import { findMentions, isNegatedAt } from "../../consultation/rules/extraction/text";
import { fittingTool } from "./rules-tools";
import type { Edit, Rule, RuleOutcome } from "./types";

const ctxOf = (spec: AgentSpec) => ({ language: spec.language, target: spec.deployment.target, region: spec.deployment.region });
const REMOVE = /\b(remove|drop|delete|disable|get rid of|stop using|take out|no more|without)\b/;

/**
 * Systems the request names ("connect it to Jira", "remove the http tool", "use Confluence
 * instead of the knowledge base"), found by searching the registry, typos forgiven; "no
 * internet access" removes every web tool. A named system the registry has no tool for is
 * said so, with the custom-API route offered; no tool is invented.
 */
export const systemsRule: Rule = ({ spec, clause, verb, registry }) => {
  const [wantPart, insteadOf = ""] = clause.split(/\binstead of\b|\brather than\b/);
  const spots = spotSystems(wantPart!, registry.tools);
  const replaced = spotSystems(insteadOf, registry.tools);
  const noInternet = NO_INTERNET.test(clause);
  const replacedIntents = insteadOf ? TOOL_INTENTS.filter((i) => i.patterns.some((re) => re.test(insteadOf))) : [];
  if (!spots.length && !replaced.length && !noInternet && !replacedIntents.length) return undefined;
  let tools = spec.tools.map((t) => ({ ...t, config: { ...t.config } }));
  const notes: string[] = [];
  const why: string[] = [];
  const label = (id: string) => registry.tools.find((e) => e.id === id)?.name ?? id;
  const drop = (ids: Set<string>, reason: string) => {
    const gone = tools.filter((t) => ids.has(t.id));
    if (!gone.length) return;
    tools = tools.filter((t) => !ids.has(t.id));
    why.push(`removes ${gone.map((t) => label(t.id)).join(", ")} ${reason}`);
  };
  for (const spot of spots) {
    // A need the tool rule resolves ("add slack"): it added the fitting tool or said why none fits.
    if (verb && servedByIntent(wantPart!, spot.tools)) continue;
    const removing = verb === "remove" || REMOVE.test(wantPart!) || isNegatedAt(wantPart!, spot.index);
    if (spot.missing) {
      notes.push(`the registry has no tool for ${spot.missing}; the custom-API route (the HTTP request tool on its REST API, with the URL in the prompt) can reach it`);
      continue;
    }
    if (removing) {
      const ids = new Set(spot.tools.map((t) => t.id));
      if (!tools.some((t) => ids.has(t.id))) notes.push(`the agent has no ${spot.term} tool to remove`);
      drop(ids, "as asked");
      continue;
    }
    if (tools.some((t) => spot.tools.some((e) => e.id === t.id))) {
      // Named in full, the tool was the tool rule's to add: only a tool that was there before is "already there".
      if (!spec.tools.some((t) => spot.tools.some((e) => e.id === t.id && wantPart!.includes(e.name.toLowerCase())))) notes.push(`the agent already has ${label(spot.tools[0]!.id)} for ${spot.term}`);
      continue;
    }
    const picked = fittingTool(spot.tools, registry.tools, spec);
    if (!picked.entry) {
      notes.push(picked.note!);
      continue;
    }
    const entry = picked.entry;
    const clash = conflictOf(entry, tools.map((t) => t.id), registry.tools);
    if (clash) notes.push(`${entry.name} cannot be added next to ${label(clash)} (they conflict)`);
    else {
      tools.push({ id: entry.id, config: defaultToolConfig(entry, spec.deployment.region) });
      why.push(picked.note ? `adds ${entry.name} for ${spot.term} (${picked.note})` : `adds ${entry.name} for ${spot.term}`);
    }
  }
  drop(new Set([...replaced.flatMap((s) => s.tools.map((t) => t.id)), ...replacedIntents.flatMap((i) => spec.tools.filter((t) => (i.prefer as readonly string[]).includes(t.id)).map((t) => t.id))]), "it replaces");
  if (noInternet) {
    const web = new Set(registry.tools.filter((t) => t.category === "web").map((t) => t.id));
    if (!tools.some((t) => web.has(t.id))) notes.push("the agent already has no internet access");
    drop(web, "so the agent has no internet access");
  }
  const edits: Edit[] = why.length ? [{ path: "tools", to: tools, why: why.join("; ") }] : [];
  return { edits, notes } satisfies RuleOutcome;
};

const servedByIntent = (text: string, tools: readonly ToolEntry[]) =>
  TOOL_INTENTS.some((i) => i.patterns.some((re) => findMentions(text, re).length > 0) && tools.some((t) => (i.prefer as readonly string[]).includes(t.id)));

/**
 * Behaviour the request asks for: languages ("answer in Spanish and French too"), an
 * escalation path ("escalate to a human by sending a Slack message when the customer is
 * angry") and the team's own APIs ("look up order status from our REST API at https://…",
 * which also adds the HTTP request tool). Each is one labelled line of the system prompt.
 */
export const behaviourRule: Rule = ({ spec, original, registry }) => {
  const found = readPromptNeeds(original);
  const needs: PromptNeeds = { languages: mergedLanguages(spec.systemPrompt, found.languages), tones: [], escalation: found.escalation, apis: found.apis };
  if (!found.languages.length && !needs.escalation && !needs.apis.length) return undefined;
  const prompt = withPromptLines(spec.systemPrompt, promptNeedLines(needs));
  const edits: Edit[] = [];
  const what = [found.languages.length && `answers in ${found.languages.join(", ")}`, needs.escalation && "escalates to a human", needs.apis.length && `calls ${needs.apis.map((a) => a.url).join(", ")}`].filter(Boolean);
  if (prompt !== spec.systemPrompt) edits.push({ path: "systemPrompt", to: prompt, why: `the prompt now ${what.join(", ")}` });
  if (needs.apis.length) {
    const http = TOOL_INTENTS.find((i) => i.id === "http")!;
    const has = spec.tools.some((t) => (http.prefer as readonly string[]).includes(t.id));
    const entry = has ? undefined : resolveIntent(http, registry.tools, ctxOf(spec));
    if (entry) edits.push({ path: "tools", to: [...spec.tools, { id: entry.id, config: defaultToolConfig(entry, spec.deployment.region) }], why: `adds ${entry.name} to call the API` });
  }
  return { edits, notes: edits.length ? [] : ["the prompt already says so"] };
};

function mergedLanguages(prompt: string, asked: string[]): string[] {
  if (!asked.length) return [];
  const line = /^Languages: .*$/m.exec(prompt)?.[0] ?? "";
  const had = readPromptNeeds(line.replace(/\(and in English\)/, "")).languages;
  return [...new Set([...had, ...asked])];
}

export type { ToolEntry };
