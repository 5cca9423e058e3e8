import type { Capability, ToolEntry } from "../../registry/schema";
import type { ToolChoice } from "../../spec/agent-spec";
import { assessCompleteness, SPEC_FIELDS } from "./completeness";
import { getPath, isLocked, setPath, type SpecDraft, type Turn } from "./draft";
import { composeSystemPrompt, nameFromPhrase } from "./extraction/compose";
import { mergeTools } from "./extraction/merge-tools";
import { findModelMention, recommendModel } from "./extraction/models";
import { readSignals, type Signals } from "./extraction/signals";
import { clip } from "./extraction/text";
import { promptNeedLines } from "./extraction/prompt-needs";
import { MAX_CONVERSATION_TURNS } from "./limits";
import { questionTopic } from "./next-question";
import type { SpecRegistry } from "./registry-view";
import { endpointsAsApiTools, guardrailsWith, type GuardrailsDraft } from "./extraction/api-and-guardrails";
import type { ApiTool } from "../../spec/api-tools";

export type ExtractionResult = {
  draft: SpecDraft;
  /** 0–1, see assessCompleteness. */
  completeness: number;
  /** Dotted paths, most important first. */
  missing: string[];
  filled: string[];
  /** Paths whose value differs from `current` (the UI lights them up). */
  changed: string[];
  /** Tool needs the registry has no tool for, in the PM's words ("web search"). */
  unresolvedTools: string[];
  /** Tools swapped or left out because they do not fit the language or target, as the PM says it. */
  toolNotes?: string[];
  /** The topic the PM asked about last: the next question is a different one when it can be. */
  askedLast?: string;
};

const EMPTY_REGISTRY: SpecRegistry = { tools: [], models: [] };

/**
 * Turns the conversation into a spec draft, deterministically and without a model:
 * phrases give the use case, tools and capabilities; numbers give budget, traffic and
 * latency; words give deployment, language and region; the system prompt and name are
 * composed from the description. Fields in `current.lockedPaths` are never touched;
 * values the conversation does not mention keep their `current` value.
 */
export function extractSpec(conversation: readonly Turn[], current: SpecDraft, registry: SpecRegistry = EMPTY_REGISTRY): ExtractionResult {
  // Older turns already live in `current`; re-reading only the recent ones bounds the work.
  const signals = readSignals(conversation.slice(-MAX_CONVERSATION_TURNS), registry.tools);
  let draft: SpecDraft = { ...current };
  const put = (path: string, value: unknown) => {
    if (value !== undefined && !isLocked(draft, path)) draft = setPath(draft, path, value);
  };

  put("requirements.useCase", signals.useCase?.label ?? (signals.useCasePhrase && clip(signals.useCasePhrase, 200)));
  put("description", signals.description && clip(signals.description, 2_000));
  put("language", signals.language);
  draft = mergeDeployment(draft, signals);
  const apis = endpointsAsApiTools((current.apiTools as ApiTool[] | undefined) ?? [], signals);
  if (apis.changed) put("apiTools", apis.apiTools);
  put("guardrails", guardrailsWith(draft.guardrails as GuardrailsDraft | undefined, signals.deniedTopics));
  const target = draft.deployment?.target;
  const merged = mergeTools(current.tools as ToolChoice[] | undefined, apis.signals, registry.tools, {
    language: draft.language ?? "python",
    target,
    region: draft.deployment?.region,
  });
  put("tools", merged.tools);
  put("requirements.requestsPerDay", signals.requestsPerDay);
  put("requirements.monthlyBudgetUsd", signals.monthlyBudgetUsd);
  put("requirements.latencyTargetMs", signals.latencyTargetMs);
  put("requirements.capabilities", capabilitiesOf(draft, signals));
  if (signals.memory) put("memory.type", signals.memory === "none" ? "none" : target === "agentcore" ? "agentcore-memory" : "dynamodb");
  put("name", signals.name ?? (draft.name ? undefined : signals.useCase?.name ?? (signals.useCasePhrase && nameFromPhrase(signals.useCasePhrase))));
  put("model.id", chooseModel(draft, current, signals, registry));
  if (signals.description) put("systemPrompt", promptFor(draft, apis.signals, registry.tools));

  const known = new Set<string>(SPEC_FIELDS.map((f) => f.path).filter((p) => getPath(draft, p) !== undefined));
  const skipped = [...new Set([...(current.skippedPaths ?? []), ...signals.skipped, ...merged.skippedPaths])].filter((p) => !known.has(p)).sort();
  draft = { ...draft, skippedPaths: skipped };
  const assessed = assessCompleteness(draft, registry.tools);
  const lastQuestion = [...conversation].reverse().find((t) => t.role === "assistant");
  const askedLast = lastQuestion ? questionTopic(lastQuestion.content, registry.tools) : undefined;
  // Locked tools are the user's own (the Tools tab): not refitted, so nothing to report; completeness names them.
  const toolNotes = isLocked(draft, "tools") ? [] : merged.notes;
  return { draft, ...assessed, changed: changedPaths(current, draft), unresolvedTools: merged.unresolved, ...(toolNotes.length ? { toolNotes } : {}), ...(askedLast ? { askedLast } : {}) };
}

function capabilitiesOf(draft: SpecDraft, signals: Signals): Capability[] {
  const caps = new Set<Capability>((draft.requirements?.capabilities ?? []).filter((c) => c !== "toolUse"));
  for (const c of signals.capabilities) caps.add(c);
  if ((draft.tools ?? []).length > 0) caps.add("toolUse");
  const order: Capability[] = ["toolUse", "vision", "reasoning", "streaming", "structuredOutput", "promptCaching"];
  return order.filter((c) => caps.has(c));
}

/** A new target resets the target-specific settings (Fargate CPU means nothing on Lambda). */
function mergeDeployment(draft: SpecDraft, signals: Signals): SpecDraft {
  const target = signals.target ?? draft.deployment?.target ?? (signals.description ? "agentcore" : undefined);
  let next = draft;
  if (target && !isLocked(next, "deployment.target") && target !== next.deployment?.target) {
    const region = next.deployment?.region;
    next = { ...next, deployment: { target, ...(region ? { region } : {}) } };
  }
  if (signals.region && next.deployment && !isLocked(next, "deployment.region")) next = setPath(next, "deployment.region", signals.region);
  return next;
}

function chooseModel(draft: SpecDraft, current: SpecDraft, signals: Signals, registry: SpecRegistry): string | undefined {
  const region = draft.deployment?.region;
  const named = findModelMention(signals.userText, registry.models, region);
  if (named) return named.id;
  // Re-recommend only when the requirements moved; a template's model stays otherwise.
  const req = draft.requirements ?? {};
  const moved =
    !draft.model?.id ||
    req.monthlyBudgetUsd !== current.requirements?.monthlyBudgetUsd ||
    req.requestsPerDay !== current.requirements?.requestsPerDay ||
    String(req.capabilities ?? []) !== String(current.requirements?.capabilities ?? []);
  if (!moved || !req.useCase) return undefined;
  return recommendModel(registry, {
    useCase: [req.useCase, draft.description].filter(Boolean).join(". "),
    capabilities: (req.capabilities ?? []) as Capability[],
    monthlyBudgetUsd: req.monthlyBudgetUsd,
    requestsPerDay: req.requestsPerDay,
    latencyTargetMs: req.latencyTargetMs,
    region,
  });
}

function promptFor(draft: SpecDraft, signals: Signals, registryTools: readonly ToolEntry[]): string {
  const tools = (draft.tools ?? []).map((t) => {
    const entry = registryTools.find((e) => e.id === t.id);
    return { name: entry?.name ?? String(t.id), description: entry?.description ?? "" };
  });
  return composeSystemPrompt({
    useCase: signals.useCase,
    useCaseLabel: String(draft.requirements?.useCase ?? signals.useCasePhrase ?? "general assistance"),
    description: signals.description!,
    tools,
    memory: signals.memory,
    latencyTargetMs: draft.requirements?.latencyTargetMs,
    needLines: promptNeedLines(signals.promptNeeds),
  });
}

const TRACKED = ["name", "description", "systemPrompt", "language", "model.id", "tools", "deployment.target", "deployment.region", "memory.type",
  "requirements.useCase", "requirements.capabilities", "requirements.monthlyBudgetUsd", "requirements.requestsPerDay", "requirements.latencyTargetMs", "skippedPaths", "apiTools", "guardrails"];

/** Changed fields; for tools, "tools" when the set of tools changed and one path per changed setting. */
export function changedPaths(before: SpecDraft, after: SpecDraft): string[] {
  const same = (p: string) => JSON.stringify(getPath(before, p) ?? (p === "skippedPaths" ? [] : undefined)) === JSON.stringify(getPath(after, p));
  const ids = (d: SpecDraft) => (d.tools === undefined ? undefined : d.tools.map((t) => t.id));
  const out = TRACKED.filter((p) => (p === "tools" ? JSON.stringify(ids(before)) !== JSON.stringify(ids(after)) : !same(p)));
  (after.tools ?? []).forEach((tool, i) => {
    const was = before.tools?.find((t) => t.id === tool.id)?.config ?? {};
    for (const [key, value] of Object.entries(tool.config ?? {})) {
      if (JSON.stringify((was as Record<string, unknown>)[key]) !== JSON.stringify(value)) out.push(`tools.${i}.config.${key}`);
    }
  });
  return out;
}
