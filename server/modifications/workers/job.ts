import { z } from "zod";
import type { ModificationStatus } from "../../dynamo/modification-repo";
import type { QueueName } from "../../platform/types";

/** The one message shape on all four queues; every worker parses every record with it. */
export const JobMessage = z.object({
  modificationId: z.string().regex(/^mod_[0-9a-z]{26}$/),
  projectId: z.string().regex(/^prj_[0-9a-z]{26}$/),
  role: z.enum(["pm", "dev", "qa", "ops"]),
  /** Carried across all four roles so one request's logs can be followed end to end. */
  requestId: z.string().min(1).max(100),
});
export type JobMessage = z.infer<typeof JobMessage>;

/** "no-change": the spec already does what was asked (neutral, not a failure). "needs-input" waits for the user's answer and owns no worker. */
export const TERMINAL: readonly ModificationStatus[] = ["done", "failed", "cancelled", "no-change"];
export const ACTIVE: readonly ModificationStatus[] = ["queued", "planning", "developing", "verifying", "packaging"];
export const isTerminal = (s: ModificationStatus) => TERMINAL.includes(s);

/** Which worker owns a modification in each non-terminal status. */
export const OWNER: Record<string, QueueName> = { queued: "pm", planning: "pm", developing: "dev", verifying: "qa", packaging: "ops" };

/** At most this many Dev ↔ QA rounds before a modification fails. */
export const MAX_QA_LOOPS = 3;

/** Deliveries before a job goes to the dead-letter queue (SQS maxReceiveCount; stacks/ uses the same). */
export const MAX_RECEIVES = 5;
