import type { Schema } from "electrodb";
import { SERVICE, TABLE_KEYS } from "./keys";

/** A project's event log: the realtime channel replays from it after a reconnect. */
export const ProjectEventSchema = {
  model: { entity: "projectEvent", version: "1", service: SERVICE },
  attributes: {
    projectId: { type: "string", required: true },
    // Zero-padded in the sort key so string order equals numeric order.
    seq: { type: "number", required: true, padding: { length: 12, char: "0" } },
    type: { type: "string", required: true },
    payload: { type: "any" },
    createdAt: { type: "string", required: true },
  },
  indexes: {
    byProject: {
      pk: { field: TABLE_KEYS.pk, composite: ["projectId"] },
      sk: { field: TABLE_KEYS.sk, composite: ["seq"] },
    },
  },
} as const satisfies Schema<string, string, string>;

/** Per-project sequence counter, advanced with an atomic ADD. */
export const EventCounterSchema = {
  model: { entity: "eventCounter", version: "1", service: SERVICE },
  attributes: {
    projectId: { type: "string", required: true },
    seq: { type: "number", default: 0 },
  },
  indexes: {
    byProject: {
      pk: { field: TABLE_KEYS.pk, composite: ["projectId"] },
      sk: { field: TABLE_KEYS.sk, composite: [] },
    },
  },
} as const satisfies Schema<string, string, string>;
