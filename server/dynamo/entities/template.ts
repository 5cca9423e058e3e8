import type { Schema } from "electrodb";
import { SERVICE, TABLE_KEYS } from "./keys";

/** A user-saved starting point: a spec plus optional authored files (TemplateFile). */
export const TemplateSchema = {
  model: { entity: "template", version: "1", service: SERVICE },
  attributes: {
    templateId: { type: "string", required: true },
    ownerId: { type: "string", required: true },
    name: { type: "string", required: true },
    category: { type: "string", required: true },
    description: { type: "string", default: "" },
    spec: { type: "any", required: true },
    createdAt: { type: "string", required: true },
  },
  indexes: {
    byId: {
      pk: { field: TABLE_KEYS.pk, composite: ["templateId"] },
      sk: { field: TABLE_KEYS.sk, composite: [] },
    },
    byOwnerCategory: {
      index: TABLE_KEYS.gsi1.index,
      pk: { field: TABLE_KEYS.gsi1.pk, composite: ["ownerId"] },
      sk: { field: TABLE_KEYS.gsi1.sk, composite: ["category", "templateId"] },
    },
  },
} as const satisfies Schema<string, string, string>;

export const TemplateFileSchema = {
  model: { entity: "templateFile", version: "1", service: SERVICE },
  attributes: {
    templateId: { type: "string", required: true },
    path: { type: "string", required: true },
    content: { type: "string", required: true },
  },
  indexes: {
    byTemplate: {
      pk: { field: TABLE_KEYS.pk, composite: ["templateId"] },
      sk: { field: TABLE_KEYS.sk, composite: ["path"] },
    },
  },
} as const satisfies Schema<string, string, string>;
