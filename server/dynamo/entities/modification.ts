import type { Schema } from "electrodb";
import { SERVICE, TABLE_KEYS } from "./keys";

export const MODIFICATION_STATUSES = ["queued", "planning", "developing", "verifying", "packaging", "done", "failed", "cancelled", "needs-input", "no-change"] as const;

/** A change request moving through PM → Dev → QA → Ops. Stored before anything is enqueued. */
export const ModificationSchema = {
  model: { entity: "modification", version: "1", service: SERVICE },
  attributes: {
    modificationId: { type: "string", required: true },
    projectId: { type: "string", required: true },
    ownerId: { type: "string", required: true },
    /** "change": a request in words; "spec": an edited spec; "generate": build the current spec as is. */
    kind: { type: ["change", "spec", "generate"] as const, default: "change" },
    request: { type: "string", required: true },
    /** The edited spec for kind "spec" / "generate". */
    spec: { type: "any" },
    requestId: { type: "string" },
    status: { type: MODIFICATION_STATUSES, required: true },
    attempts: { type: "number", default: 0 },
    qaLoops: { type: "number", default: 0 },
    error: { type: "string" },
    baseVersionId: { type: "string" },
    resultVersionId: { type: "string" },
    /** Role artifacts (plan, file set ref, QA report, package ref), each written once. */
    artifacts: { type: "any" },
    /** Answers to the settings a plan asked for ("needs-input"), by param or toolId.param. */
    answers: { type: "any" },
    rev: { type: "number", required: true },
    createdAt: { type: "string", required: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    // modificationId is a ULID, so the sort key orders a project's modifications by time.
    byProject: {
      pk: { field: TABLE_KEYS.pk, composite: ["projectId"] },
      sk: { field: TABLE_KEYS.sk, composite: ["modificationId"] },
    },
    byId: {
      index: TABLE_KEYS.gsi1.index,
      pk: { field: TABLE_KEYS.gsi1.pk, composite: ["modificationId"] },
      sk: { field: TABLE_KEYS.gsi1.sk, composite: [] },
    },
    // Non-terminal modifications, found at start-up to re-enqueue after a crash.
    byStatus: {
      index: TABLE_KEYS.gsi2.index,
      pk: { field: TABLE_KEYS.gsi2.pk, composite: ["status"] },
      sk: { field: TABLE_KEYS.gsi2.sk, composite: ["modificationId"] },
    },
  },
} as const satisfies Schema<string, string, string>;
