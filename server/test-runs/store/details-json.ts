import { z } from "zod";
import { AgentEvent, RUN_PHASES } from "../types";

/**
 * test_run_details' JSON columns as the repositories read them. The runner's caps are
 * checked on the way in (remote/schema.ts), not here: a stored row only has to have the shape.
 */
const Timed = z.object({ t: z.number() });
export const StoredEvents = z.array(z.union([AgentEvent.and(Timed), z.object({ type: z.literal("status"), phase: z.enum(RUN_PHASES), message: z.string() }).and(Timed)]));
export const StoredToolCalls = z.array(z.object({ name: z.string(), input: z.unknown(), output: z.unknown().optional() }));
export const StoredChecks = z.array(z.looseObject({ kind: z.string(), passed: z.boolean() })).nullable();

export const detailsColumn = (column: string, rowId: string) => ({ table: "test_run_details", column, rowId });
