import { listMessages, type ConversationMessage } from "../dynamo/conversation-repo";
import type { LanguageModel } from "../llm";
import { MAX_MESSAGE_CHARS, nextQuestion, type SpecRegistry } from "./rules";
import type { Platform } from "../platform/types";
import { getOwnedProject } from "../projects/service";
import { readDraft } from "../spec/draft";
import { describeState, type ConsultationState } from "./state";

export type Consultation = {
  state: ConsultationState;
  messages: ConversationMessage[];
  /** The PM's next question, for an empty conversation's greeting. */
  question: string | null;
  limits: { maxMessageChars: number };
  /** The configured model: what the UI names as the provider of replies. */
  model: { id: string; label: string };
};

/** The conversation, the spec draft with its score and gaps, and the workflow phase. */
export async function getConsultation(deps: { platform: Platform; registry: SpecRegistry; model: LanguageModel }, userId: string, projectId: string): Promise<Consultation> {
  const { platform, registry } = deps;
  await getOwnedProject(platform.db, userId, projectId);
  // A query never writes: a project without a context yet reads as a fresh one.
  const [context, messages] = await Promise.all([readDraft(platform.dynamo, projectId, userId), listMessages(platform.dynamo, projectId)]);
  const state = describeState(context, registry);
  return {
    state,
    messages,
    question: nextQuestion(state.missing, { draft: context.draft, tools: registry.tools }) ?? null,
    limits: { maxMessageChars: MAX_MESSAGE_CHARS },
    model: { id: deps.model.id, label: deps.model.label },
  };
}
