export { extractSpec, type ExtractionResult } from "./extract-spec";
export { assessCompleteness, SPEC_FIELDS, type Completeness } from "./completeness";
export { nextQuestion, questionTopic } from "./next-question";
export { applyUserEdit, isLocked, specInputOf, type SpecDraft, type Turn } from "./draft";
export { MAX_MESSAGE_CHARS, MAX_CONVERSATION_TURNS, assertMessageAcceptable } from "./limits";
export { buildPmSystemPrompt, composePmReply, readPmState } from "./pm-reply";
export { draftFromDescription, formatDraft, type DraftOutput } from "./draft-description";
export type { ModelNeeds, SpecRegistry } from "./registry-view";
