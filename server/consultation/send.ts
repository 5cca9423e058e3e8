import { appendMessage, listMessages, type ConversationMessage } from "../dynamo/conversation-repo";
import { DomainError } from "../errors";
import type { LanguageModel } from "../llm";
import { autoAdvance } from "../projects/workflow";
import { assertMessageAcceptable, buildPmSystemPrompt, type SpecRegistry, type Turn } from "./rules";
import type { Platform } from "../platform/types";
import { getOwnedProject } from "../projects/service";
import { openDraft } from "../spec/draft";
import type { SendInput } from "./inputs";
import { streamReply, type SendEvent } from "./reply-stream";
import { describeState, draftAt, publishTransitions, saveConsultation } from "./state";
import { understandTurn } from "./understand-turn";

export type ConsultationDeps = { platform: Platform; model: LanguageModel; registry: SpecRegistry };

/**
 * Turns sent to the model with each reply. The system prompt carries the whole draft, so
 * older turns add cost and latency, not knowledge.
 */
const MODEL_HISTORY_TURNS = 40;

const NOT_SENT = "; your message was not sent";

/** The turns a model and the extraction read: partial replies are left out (a retry replaced them). */
export const turnsOf = (messages: readonly ConversationMessage[]): Turn[] => messages.filter((m) => !m.partial).map((m) => ({ role: m.role, content: m.content }));

/**
 * One consultation turn: checks the message, understands it (the configured model proposes
 * and every operation is validated; offline or on a model failure the rule engine extracts),
 * saves the draft conditional on the client's `rev` (stale → CONFLICT and nothing is
 * stored, so the message stays in the user's input box), stores the message, moves the
 * phase forward when the spec allows it, then returns the stream of the PM's reply.
 * @throws DomainError invalid (empty/oversized message), not_found, conflict.
 */
export async function sendMessage(deps: ConsultationDeps, userId: string, input: SendInput, signal?: AbortSignal): Promise<AsyncGenerator<SendEvent>> {
  const { platform, registry } = deps;
  const text = acceptable(input.message);
  await getOwnedProject(platform.db, userId, input.projectId);
  const [before, history] = await Promise.all([draftAt(platform, input.projectId, userId, input.rev, NOT_SENT), listMessages(platform.dynamo, input.projectId)]);
  const turns: Turn[] = [...turnsOf(history), { role: "user", content: text }];
  const current = before.draft;
  const { result, understanding } = await understandTurn(deps, turns, current, signal);
  const transition = autoAdvance(before.workflow, result.completeness);
  // The conditional save comes first: a stale tab must not leave a message behind.
  const target = { projectId: input.projectId, ownerId: userId };
  const saved = await saveConsultation(deps, { ...target, rev: input.rev }, { draft: result.draft, workflow: transition.state }, [], NOT_SENT);
  let userMessage: Awaited<ReturnType<typeof appendMessage>>;
  try {
    userMessage = await appendMessage(platform.dynamo, { projectId: input.projectId, role: "user", content: text });
  } catch (e) {
    // The message did not land: put the draft back as it was, so the two never disagree.
    await saveConsultation(deps, { ...target, rev: saved.rev }, { draft: current, workflow: before.workflow }).catch(() => undefined);
    throw e;
  }
  await publishTransitions(platform, input.projectId, transition.events);
  const request = { system: buildPmSystemPrompt(result, registry), messages: turns.slice(-MODEL_HISTORY_TURNS) };
  const first: SendEvent = { type: "accepted", userMessage, state: describeState(saved, registry), changed: result.changed, understanding };
  return streamReply(deps, input.projectId, request, first, signal);
}

/**
 * Asks the model again for a reply to the last user message, after a reply failed or was
 * cut off. The draft is not touched; the PM restates the spec so far and its next question.
 * @throws DomainError invalid when the last reply is complete (nothing to retry).
 */
export async function retryReply(deps: ConsultationDeps, userId: string, projectId: string, signal?: AbortSignal): Promise<AsyncGenerator<SendEvent>> {
  const { platform, registry } = deps;
  await getOwnedProject(platform.db, userId, projectId);
  const [context, history] = await Promise.all([openDraft(platform.dynamo, projectId, userId), listMessages(platform.dynamo, projectId)]);
  const complete = history.filter((m) => !m.partial);
  const last = complete[complete.length - 1];
  if (!last || last.role !== "user") throw new DomainError("invalid", "There is no unanswered message to retry");
  const state = describeState(context, registry);
  const draft = context.draft;
  const summary = { draft, completeness: state.completeness, missing: state.missing, changed: state.filled.filter((p) => p !== "tools" || draft.tools !== undefined), unresolvedTools: [] };
  const request = { system: buildPmSystemPrompt(summary, registry), messages: turnsOf(history).slice(-MODEL_HISTORY_TURNS) };
  return streamReply(deps, projectId, request, { type: "accepted", userMessage: last, state, changed: [], understanding: null }, signal);
}

/** assertMessageAcceptable, with the field named for the form. */
function acceptable(message: string): string {
  try {
    return assertMessageAcceptable(message);
  } catch (e) {
    if (e instanceof DomainError) throw new DomainError(e.code, `message: ${e.message}`, { ...e.details, field: "message" });
    throw e;
  }
}
