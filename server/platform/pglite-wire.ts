import { types } from "@electric-sql/pglite";

/** A statement sent to the process or thread that owns PGlite (ipc-pglite.ts, pglite-thread.ts). */
export type QueryArgs = { sql: string; params: unknown[]; rowMode: "array" | "object" };

const asText = (value: string) => value;
/**
 * The parsers drizzle's PGlite session passes with every statement (drizzle-orm/pglite/session.js):
 * dates, times and intervals (and numeric/date arrays) stay text and drizzle maps them itself.
 * Functions cannot cross a process or thread, so the owner applies them on the caller's behalf.
 */
export const DRIZZLE_PARSERS = {
  [types.TIMESTAMP]: asText,
  [types.TIMESTAMPTZ]: asText,
  [types.INTERVAL]: asText,
  [types.DATE]: asText,
  1231: asText, // numeric[]
  1115: asText, // timestamp[]
  1185: asText, // timestamptz[]
  1187: asText, // interval[]
  1182: asText, // date[]
};
