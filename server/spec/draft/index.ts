/**
 * The spec draft of a project: the one module that reads and writes it. Consultation,
 * the Models/Tools/Cost tabs, templates and the modification pipeline all go through
 * `updateDraft`; completeness is derived on read.
 */
export { deriveCompleteness, phaseOf, specOf, stateOf, type DraftState } from "./state";
export { STALE_DRAFT, updateDraft, type DraftChange, type DraftTarget, type DraftWriteDeps, type DraftWriteOptions } from "./write";
export { leafPaths, mergePatch, patchChange, withLocks } from "./patch";
export { findDraft, openDraft, readDraft } from "./read";
export { clipToSentences, composePromptFromDraft } from "./system-prompt";
export { completeSpecOf, syncDraftWithVersion } from "./sync-version";
export { specForGeneration } from "./generation";
