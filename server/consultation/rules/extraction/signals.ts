import type { Capability, ToolEntry } from "../../../registry/schema";
import type { DeploymentTarget } from "../../../spec/agent-spec";
import type { Turn } from "../draft";
import { questionTopic } from "../next-question";
import { askedUseCase, deriveUseCase, findAgentName } from "./compose";
import { findDeploymentTarget, findLanguage, findMemoryNeed, findRegion, type MemoryNeed } from "./deployment";
import { parseBudget, parseLatency, parseTraffic } from "./numbers";
import { parseConfigAnswer } from "./tool-config";
import { findMentions, isNegatedAt, normalize, sentences, wordCount } from "./text";
import { readPromptNeeds, type PromptNeeds } from "./prompt-needs";
import { findDeniedTopics } from "./denied-topics";
import type { DeniedTopic } from "../../../spec/guardrails";
import { spotSystems } from "./tool-search";
import { TOOL_INTENTS, type ToolIntentId } from "./tool-intents";
import { findUseCase, type UseCase } from "./use-cases";

/** Everything the user's words say, before it is merged into the draft. */
export type Signals = {
  /** The user's descriptive messages, in their own words. */
  description?: string;
  useCase?: UseCase;
  /** A use case phrase taken from the description when no known use case matched. */
  useCasePhrase?: string;
  /** Last word on each tool intent: wanted or explicitly not wanted. */
  toolIntents: Map<ToolIntentId, boolean>;
  /** The user said the agent needs no tools. */
  noTools: boolean;
  requestsPerDay?: number;
  monthlyBudgetUsd?: number;
  latencyTargetMs?: number;
  /** Optional fields the user declined to answer. */
  skipped: Set<string>;
  target?: DeploymentTarget;
  region?: string;
  language?: "python" | "typescript";
  memory?: MemoryNeed;
  name?: string;
  capabilities: Set<Capability>;
  /** Answers to "X needs knowledge_base_id: …?" questions. */
  toolSettings: { toolId: string; param: string; value: string | number | boolean }[];
  /** Tool settings the user cannot give yet. */
  skippedSettings: { toolId: string; param: string }[];
  /** All user text, normalised, for model mentions. */
  userText: string;
  /** Registry tools for the systems the user named (by name, typos forgiven): wanted or not. */
  namedTools: Map<string, { wanted: boolean; alternatives: ToolEntry[] }>;
  /** Systems the user named that no registry tool serves ("zendesk"). */
  missingSystems: Set<string>;
  /** "no internet access", "never browse the web". */
  noInternet: boolean;
  promptNeeds: PromptNeeds;
  /** The HTTP tool was asked for in words other than those describing an endpoint (which can become an API tool instead). */
  httpBesidesEndpoints: boolean;
  /** Topics the agent must not discuss ("never give medical advice"), as guardrail denied topics. */
  deniedTopics: DeniedTopic[];
};

/** "no internet access", "must not access the internet", "we don't want internet access", "no web access at all". */
export const NO_INTERNET = /\b(no|without|never|not|don'?t want|do not want|must not|mustn'?t|shouldn'?t|should never|cannot|can'?t)\b[^.;,]{0,30}?\b(internet|web access|online access|browse the (web|internet)|access the (web|internet))\b|\boffline only\b|\bno more internet\b/;

const DONT_KNOW = /\b(not sure|no idea|don'?t know|do not know|dunno|unsure|no clue|hard to say|unknown|can'?t say|not yet|tbd|skip)\b/;
const NO_LIMIT = /\b(no (fixed |real |hard |set )?(budget|limit)|(don'?t|do not) have (a |any )?(fixed |set |real )?(budget|limit)|unlimited|doesn'?t matter|whatever it costs)\b/;
const NO_TOOLS = /^(none|nothing|no|nope|no tools?)\b|\b(no tools|doesn'?t need (any )?tools|no integrations|just (talk|chat)|only (needs to )?(talk|chat|answer))\b/;
/** "Can you help me build an agent?" asks for help; it does not describe the agent. */
const META = /\b(help (me )?(to )?(build|building|create|creating|make|making|set(ting)? up|design(ing)?)|how does (this|it) work|what can you do|get(ting)? started|start(ing)? (a new|from scratch))\b/;
const AGENT_WORD = /\b(agent|assistant|bot|chatbot|copilot)\b/;

const CAPABILITY_WORDS: [Capability, RegExp][] = [
  ["vision", /\b(images?|photos?|pictures?|screenshots?|scans?|scanned|receipts?|handwrit\w*|diagrams? in|charts? in (images|pdfs))\b/],
  ["reasoning", /\b(reasoning|think (it )?through|step[- ]by[- ]step|multi-step (problems|planning)|complex (analysis|problems|planning|questions))\b/],
  ["structuredOutput", /\b(json|structured (output|data)|extract(s|ing)? (fields|data|structured)|schema)\b/],
];

export function readSignals(conversation: readonly Turn[], tools: readonly ToolEntry[] = []): Signals {
  const s: Signals = {
    toolIntents: new Map(), noTools: false, skipped: new Set(), capabilities: new Set(), toolSettings: [], skippedSettings: [], userText: "",
    namedTools: new Map(), missingSystems: new Set(), noInternet: false, promptNeeds: { languages: [], tones: [], apis: [] }, httpBesidesEndpoints: false, deniedTopics: [],
  };
  const descriptive: string[] = [];
  let topic: string | undefined;
  for (const turn of conversation) {
    if (turn.role === "assistant") {
      topic = questionTopic(turn.content, tools);
      continue;
    }
    const text = normalize(turn.content);
    s.userText += `${text}\n`;
    const answersOther = topic !== undefined && topic !== "requirements.useCase";
    // An answer to another question describes the agent only when it clearly says more.
    if (!answersOther || (wordCount(text) >= 12 && findUseCase(text))) {
      // The first real message of a consultation is the description, whatever its wording.
      const opening = descriptive.length === 0 && topic === undefined && wordCount(text) >= 8 && !META.test(text);
      const describes = findUseCase(text) || (AGENT_WORD.test(text) && deriveUseCase(turn.content)) || (topic === "requirements.useCase" && wordCount(text) >= 3) || opening;
      if (describes) descriptive.push(turn.content.trim().replace(/\s+/g, " "));
    }
    if (topic?.startsWith("tool-config:")) readToolSetting(s, turn.content, text, topic, tools);
    readNumbers(s, text, topic);
    readDeclines(s, text, topic);
    readTools(s, text);
    readNamedSystems(s, text, tools);
    // The answer to a tool's setting is that setting's value: a URL in it is not an API to call.
    readBehaviour(s, turn.content, text, !topic?.startsWith("tool-config:"));
    s.target = findDeploymentTarget(text) ?? s.target;
    s.region = findRegion(text) ?? s.region;
    s.language = findLanguage(text) ?? s.language;
    s.memory = findMemoryNeed(text) ?? s.memory;
    s.name = findAgentName(turn.content) ?? s.name;
    for (const [capability, re] of CAPABILITY_WORDS) if (findMentions(text, re).some((m) => !m.negated)) s.capabilities.add(capability);
    topic = undefined;
  }
  if (descriptive.length) {
    s.description = behaviourOf(descriptive);
    s.useCase = findUseCase(normalize(s.description));
    if (!s.useCase) s.useCasePhrase = deriveUseCase(descriptive[0]!) ?? askedUseCase(descriptive[0]!);
  }
  return s;
}

function readNumbers(s: Signals, text: string, topic: string | undefined) {
  for (const sentence of sentences(text)) {
    const traffic = parseTraffic(sentence, topic === "requirements.requestsPerDay");
    // "about 300 a day" is traffic even when the question before it was about the budget.
    const budget = parseBudget(sentence, topic === "requirements.monthlyBudgetUsd") ?? (traffic === undefined ? bareAmount(sentence, topic) : undefined);
    const latency = parseLatency(sentence);
    if (traffic !== undefined) s.requestsPerDay = traffic;
    if (budget !== undefined) s.monthlyBudgetUsd = budget;
    if (latency !== undefined) s.latencyTargetMs = latency;
  }
  if (s.requestsPerDay !== undefined) s.skipped.delete("requirements.requestsPerDay");
  if (s.monthlyBudgetUsd !== undefined) s.skipped.delete("requirements.monthlyBudgetUsd");
}

/** "100" in answer to the budget question. */
function bareAmount(sentence: string, topic: string | undefined): number | undefined {
  if (topic !== "requirements.monthlyBudgetUsd") return undefined;
  const m = /\b(\d+(?:\.\d+)?)\s*(k)?\b/.exec(sentence);
  return m ? Number(m[1]) * (m[2] ? 1_000 : 1) : undefined;
}

function readDeclines(s: Signals, text: string, topic: string | undefined) {
  if (topic === "tools" && NO_TOOLS.test(text)) s.noTools = true;
  if (/\b(doesn'?t|does not|won'?t|will not) need (any )?tools\b|\bno tools\b|\bwithout (any )?tools\b|\bno integrations\b/.test(text)) s.noTools = true;
  if (!topic || !DONT_KNOW.test(text) && !(topic === "requirements.monthlyBudgetUsd" && NO_LIMIT.test(text))) return;
  if (topic === "requirements.requestsPerDay" && s.requestsPerDay === undefined) s.skipped.add(topic);
  if (topic === "requirements.monthlyBudgetUsd" && s.monthlyBudgetUsd === undefined) s.skipped.add(topic);
  if (topic === "tools" && s.toolIntents.size === 0) s.noTools = true;
}

function readToolSetting(s: Signals, original: string, text: string, topic: string, tools: readonly ToolEntry[]) {
  const [, toolId = "", param = ""] = topic.split(":");
  const type = tools.find((t) => t.id === toolId)?.config.find((p) => p.name === param)?.type ?? "string";
  const value = DONT_KNOW.test(text) || /^(no|none|nope)\b/.test(text) ? undefined : parseConfigAnswer(original, type);
  if (value === undefined) s.skippedSettings.push({ toolId, param });
  else s.toolSettings.push({ toolId, param, value });
}

function readTools(s: Signals, text: string) {
  for (const intent of TOOL_INTENTS) {
    const mentions = intent.patterns.flatMap((re) => findMentions(text, re));
    if (mentions.length === 0) continue;
    s.toolIntents.set(intent.id, mentions.some((m) => !m.negated));
  }
}

function readNamedSystems(s: Signals, text: string, tools: readonly ToolEntry[]) {
  for (const spot of spotSystems(text, tools)) {
    const wanted = !isNegatedAt(text, spot.index);
    if (spot.missing) {
      if (wanted) s.missingSystems.add(spot.missing);
      continue;
    }
    if (spot.tools.length) s.namedTools.set(spot.tools[0]!.id, { wanted, alternatives: spot.tools });
  }
}

function readBehaviour(s: Signals, original: string, text: string, readApis: boolean) {
  if (NO_INTERNET.test(text)) s.noInternet = true;
  const read = readPromptNeeds(original);
  const needs = readApis ? read : { ...read, apis: [] };
  const p = s.promptNeeds;
  p.languages = [...new Set([...p.languages, ...needs.languages])];
  p.tones = [...new Set([...p.tones, ...needs.tones])];
  p.escalation = needs.escalation ?? p.escalation;
  p.apis = [...p.apis, ...needs.apis.filter((a) => !p.apis.some((b) => b.url === a.url))];
  // An endpoint is called by the HTTP tool unless it becomes an API tool (extract-spec decides).
  if (needs.apis.length) s.toolIntents.set("http", true);
  const http = TOOL_INTENTS.find((i) => i.id === "http")!;
  const rest = needs.apis.reduce((t, a) => t.replace(normalize(a.what), " ").replace(a.url.toLowerCase(), " "), text);
  if (http.patterns.some((re) => findMentions(rest, re).some((m) => !m.negated))) s.httpBesidesEndpoints = true;
  for (const topic of findDeniedTopics(original)) if (!s.deniedTopics.some((t) => t.name.toLowerCase() === topic.name.toLowerCase())) s.deniedTopics.push(topic);
}

/** Budget, traffic and deployment sentences are settings, not what the agent does: leave them out of the description. */
const OPERATIONAL = /(\$\s*\d|\d\s*(dollars|usd|bucks)|\bbudget\b|\d[\d,.]*\s*k?\s+(\w+\s+){0,2}(requests|queries|questions|messages|conversations|chats|tickets|calls|users|customers|sessions)\s+(a|per|each)\s+(day|hour|week|month)|\b(deploy|deployed|serverless|lambda|fargate|agentcore|container|region)\b|\bin (python|typescript|node)\b)/;

function behaviourOf(messages: string[]): string {
  const kept = messages.flatMap((m) => sentences(m).filter((s) => !OPERATIONAL.test(normalize(s)) || findUseCase(normalize(s))));
  return (kept.length ? kept : sentences(messages[0]!).slice(0, 1)).join(" ");
}
