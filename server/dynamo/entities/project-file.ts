import type { Schema } from "electrodb";
import { SERVICE, TABLE_KEYS } from "./keys";

/** A generated file of a project version, one item per file. */
export const ProjectFileSchema = {
  model: { entity: "projectFile", version: "1", service: SERVICE },
  attributes: {
    projectId: { type: "string", required: true },
    versionId: { type: "string", required: true },
    path: { type: "string", required: true },
    content: { type: "string", required: true },
    encoding: { type: ["utf8", "base64"] as const, default: "utf8" },
    sha256: { type: "string", required: true },
    size: { type: "number", required: true },
  },
  indexes: {
    byProject: {
      pk: { field: TABLE_KEYS.pk, composite: ["projectId"] },
      sk: { field: TABLE_KEYS.sk, composite: ["versionId", "path"] },
    },
  },
} as const satisfies Schema<string, string, string>;
