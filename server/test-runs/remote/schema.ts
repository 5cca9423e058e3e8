import { z } from "zod";
import { LOGS_EXCERPT_CHARS, MAX_OUTPUT_CHARS, MAX_STORED_EVENTS } from "../limits";
import { AgentEvent, FINISHED_STATUSES, RUN_PHASES, type RunOutcome, type RunStatus } from "../types";

/**
 * What an ECS runner task sends the app (aws mode). The task runs generated code, so its
 * reports are untrusted input: validated and capped like anything else from outside.
 */

const Timed = z.object({ t: z.number().min(0).max(3_600_000) });
export const RunEventSchema = z.union([AgentEvent.and(Timed), z.object({ type: z.literal("status"), phase: z.enum(RUN_PHASES), message: z.string().max(500) }).and(Timed)]);

const Token = z.string().min(20).max(200);
const RunRef = z.object({ runId: z.string().regex(/^run_[0-9a-z]{26}$/, "is not a run id"), token: Token });

export const RunnerJobInput = RunRef;

export const RunOutcomeSchema = z.object({
  status: z.enum(FINISHED_STATUSES as [RunStatus, ...RunStatus[]]).refine((s) => s !== "queued" && s !== "running", "must be a finished status"),
  output: z.string().max(MAX_OUTPUT_CHARS),
  error: z.string().max(10_000).nullable(),
  firstTokenMs: z.number().int().min(0).nullable(),
  totalMs: z.number().int().min(0),
  tokensIn: z.number().int().min(0).nullable(),
  tokensOut: z.number().int().min(0).nullable(),
  toolCalls: z.array(z.object({ name: z.string().max(200), input: z.unknown(), output: z.unknown().optional() })).max(100),
  logsExcerpt: z.string().max(LOGS_EXCERPT_CHARS * 2),
  events: z.array(RunEventSchema).max(MAX_STORED_EVENTS),
  model: z.object({ kind: z.enum(["mock", "openai-compatible", "bedrock"]), id: z.string().max(200), label: z.string().max(250) }),
});

export const RunnerReportInput = RunRef.extend({
  events: z.array(RunEventSchema).max(200),
  outcome: RunOutcomeSchema.optional(),
});
export type RunnerReportInput = z.infer<typeof RunnerReportInput>;

/** The validated outcome as the runner type (zod's output of the status enum is wider). */
export const asOutcome = (o: z.infer<typeof RunOutcomeSchema>): RunOutcome => o as RunOutcome;
