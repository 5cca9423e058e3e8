import type { Schema } from "electrodb";
import { SERVICE, TABLE_KEYS } from "./keys";

/** The hot workflow state of a project: phase, spec draft, extraction results. `rev` guards writes that race. */
export const ProjectContextSchema = {
  model: { entity: "projectContext", version: "1", service: SERVICE },
  attributes: {
    projectId: { type: "string", required: true },
    ownerId: { type: "string", required: true },
    phase: { type: "string", required: true },
    draft: { type: "any", required: true },
    lockedPaths: { type: "list", items: { type: "string" }, default: () => [] },
    /** Whether a complete spec moves the workflow forward by itself (off after a go-back). Absent means true. */
    workflowAuto: { type: "boolean" },
    /** The cost assumptions (usage overrides) the user set in the Cost tab. */
    costAssumptions: { type: "any" },
    /** No longer written: completeness is derived on read (server/spec/draft). Kept so old items still parse. */
    completeness: { type: "number" },
    missing: { type: "list", items: { type: "string" } },
    rev: { type: "number", required: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    byProject: {
      pk: { field: TABLE_KEYS.pk, composite: ["projectId"] },
      sk: { field: TABLE_KEYS.sk, composite: [] },
    },
  },
} as const satisfies Schema<string, string, string>;

/** One chat turn; kept as its own item so a long conversation never hits the 400 KB item limit. */
export const ConversationMessageSchema = {
  model: { entity: "conversationMessage", version: "1", service: SERVICE },
  attributes: {
    projectId: { type: "string", required: true },
    messageId: { type: "string", required: true },
    role: { type: ["user", "assistant"] as const, required: true },
    content: { type: "string", required: true },
    /** The reply was cut off by a provider error; the UI offers a retry. */
    partial: { type: "boolean", default: false },
    servedBy: { type: "string" },
    createdAt: { type: "string", required: true },
  },
  indexes: {
    byProject: {
      pk: { field: TABLE_KEYS.pk, composite: ["projectId"] },
      sk: { field: TABLE_KEYS.sk, composite: ["messageId"] },
    },
  },
} as const satisfies Schema<string, string, string>;
