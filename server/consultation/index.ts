/** Consultation: the conversation, the spec draft and the workflow phase of a project, and the template gallery. */
export { getConsultation, type Consultation } from "./get-consultation";
export { sendMessage, retryReply, type ConsultationDeps } from "./send";
export type { SendEvent } from "./reply-stream";
export { updateSpec, applyEdit } from "./spec-edit";
export { advanceWorkflow, goBackWorkflow } from "./workflow-service";
export { listTemplateSummaries, getTemplateDetail, createTemplateFromProject, deleteUserTemplate, type TemplateSummary, type TemplateDetail } from "./templates";
export { useTemplate } from "./use-template";
export type { ConsultationState } from "./state";
export * from "./inputs";
