import { z } from "zod";

/**
 * Human approval before tools with side effects run: the generated agent pauses on such a
 * call, shows the pending approval (an approval_request event) and waits for an approve or
 * deny: per-session endpoints on ECS, an /invocations body on the same session on AgentCore,
 * a second call on the session on Lambda (TypeScript), which ends the first call and keeps it
 * in DynamoDB (server/generation/approval.ts). No answer within the timeout is a deny: a tool
 * with side effects never runs unapproved. Absent = no approval step.
 */
export const ApprovalSpec = z.object({
  /**
   * Registry tool ids (each one of spec.tools) that need approval. Absent = every selected
   * tool the registry marks with side effects (shell, file writes, non-GET HTTP, tickets, messages).
   */
  tools: z.array(z.string().regex(/^[a-z][a-z0-9_-]*$/)).max(50).optional(),
  /** How long a call waits for a decision before it is denied. */
  timeoutSeconds: z.number().int().min(5).max(3_600).default(300),
});
export type ApprovalSpec = z.infer<typeof ApprovalSpec>;
