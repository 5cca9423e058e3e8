import { getPath, isLocked, type SpecDraft } from "../../consultation/rules/draft";
import { composeSystemPrompt } from "../../consultation/rules/extraction/compose";
import { USE_CASES } from "../../consultation/rules/extraction/use-cases";
import type { ToolEntry } from "../../registry/schema";

/** Per-tool description and task description limits in the composed prompt (characters). */
const TOOL_DESCRIPTION_CHARS = 160;
const TASK_DESCRIPTION_CHARS = 1_500;

/** What the composed prompt is built from: when one of these changes, the prompt follows. */
const PROMPT_INPUTS = ["description", "requirements.useCase", "requirements.latencyTargetMs", "memory.type"] as const;

const SENTENCE_END = /[.!?](?=\s|$)/g;

/**
 * `text` cut to at most `max` characters at a sentence boundary. A first sentence longer
 * than `max` is cut at its last clause boundary (;:,) and closed with a full stop, so the
 * prompt never stops mid-phrase.
 */
export function clipToSentences(text: string, max: number): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  let end = 0;
  for (const m of trimmed.matchAll(SENTENCE_END)) {
    if (m.index + 1 > max) break;
    end = m.index + 1;
  }
  if (end > 0) return trimmed.slice(0, end);
  const head = trimmed.slice(0, max - 1);
  const clause = Math.max(head.lastIndexOf(";"), head.lastIndexOf(":"), head.lastIndexOf(","));
  const cut = clause > 0 ? head.slice(0, clause) : head.slice(0, Math.max(head.lastIndexOf(" "), 1));
  return `${cut.trimEnd()}.`;
}

/** Conversation memory is the default and says nothing in the prompt; stored memory is long-term. */
const memoryOf = (type: string | undefined) => (type === "none" ? "none" : type === "agentcore-memory" || type === "dynamodb" ? "long-term" : undefined);

const toolIds = (d: SpecDraft) => JSON.stringify((d.tools ?? []).map((t) => t.id));
const inputsChanged = (before: SpecDraft, after: SpecDraft) =>
  toolIds(before) !== toolIds(after) || PROMPT_INPUTS.some((p) => JSON.stringify(getPath(before, p)) !== JSON.stringify(getPath(after, p)));

/** The system prompt composed from the draft's description, use case, its guidelines, tools and memory. */
export function composePromptFromDraft(draft: SpecDraft, tools: readonly ToolEntry[]): string | undefined {
  const description = draft.description?.trim();
  if (!description) return undefined;
  const label = draft.requirements?.useCase;
  return composeSystemPrompt({
    useCase: USE_CASES.find((u) => u.label === label),
    useCaseLabel: label ?? "general assistance",
    description: clipToSentences(description, TASK_DESCRIPTION_CHARS),
    tools: (draft.tools ?? []).map((t) => {
      const entry = tools.find((e) => e.id === t.id);
      return { name: entry?.name ?? t.id, description: clipToSentences(entry?.description ?? "", TOOL_DESCRIPTION_CHARS) };
    }),
    memory: memoryOf(draft.memory?.type),
    latencyTargetMs: draft.requirements?.latencyTargetMs,
  });
}

/**
 * The draft to store: when the tools, use case or description changed (or a writer set a
 * new prompt of its own), the system prompt is composed again from the spec, unless the
 * user locked it by editing it or a template set it.
 */
export function recomposeSystemPrompt(before: SpecDraft, after: SpecDraft, tools: readonly ToolEntry[]): SpecDraft {
  if (isLocked(after, "systemPrompt")) return after;
  if (!inputsChanged(before, after) && before.systemPrompt === after.systemPrompt) return after;
  const prompt = composePromptFromDraft(after, tools);
  return prompt === undefined ? after : { ...after, systemPrompt: prompt };
}
