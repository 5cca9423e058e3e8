import { BeforeToolCallEvent, type Agent, type InterruptResponseContentData, type MessageData } from "@strands-agents/sdk";
import { randomUUID } from "node:crypto";
import { APPROVAL_TIMEOUT_MS, type Decision, type Outcome, type PendingApproval } from "./approval.js";
import { holdCall, loadHeldCall, takeHeldCall, type HeldApproval, type HeldCall } from "./approval-store.js";
import type { Caller } from "./caller.js";
import { fitting } from "./conversation-store.js";
import type { RunEvent } from "./run-once.js";

/**
 * Human approval on Lambda. A gated tool call raises a Strands interrupt (BeforeToolCallEvent.interrupt):
 * the run stops, the invocation stores the agent's snapshot (approval-store) and ends with an
 * approval_request event. A later invocation on the same session with
 * {"approval": {"id", "decision"}} loads the snapshot and resumes with the decision as the
 * interrupt's response: approve runs the tool, anything else cancels it. A decision after the
 * deadline is a deny; so is a new prompt on a session whose approval is past its deadline.
 */

export type RaisedInterrupt = { id: string; name: string; reason?: unknown };
export type DecidedApproval = { approval: PendingApproval; outcome: Outcome };

/** The decision names no approval this session waits for. */
export class NoSuchApproval extends Error {
  override name = "NoSuchApproval";
}

/** A new prompt on a session that waits for a decision. */
export class AwaitingApproval extends Error {
  override name = "AwaitingApproval";
}

/** Every call of a tool in `names` stops the run until a later invocation brings the decision. */
export function interruptForApproval(agent: Agent, names: ReadonlySet<string>): void {
  agent.addHook(BeforeToolCallEvent, (event) => {
    const tool = event.toolUse.name;
    if (!names.has(tool)) return;
    // Throws (ending the run) until the invocation that resumes brings the response.
    const outcome = event.interrupt<Outcome>({ name: "approval", reason: { tool, input: event.toolUse.input } });
    if (outcome === "approve") return;
    event.cancel =
      outcome === "deny"
        ? `The user denied running ${tool}. Tell the user it was not done.`
        : `No one approved running ${tool} within ${Math.round(APPROVAL_TIMEOUT_MS / 1000)} seconds, so it was denied. Tell the user it was not done.`;
  });
}

const publicOf = ({ interruptId: _, ...approval }: HeldApproval): PendingApproval => approval;
const expired = (a: HeldApproval, now: number) => Date.parse(a.expiresAt) <= now;

function approvalOf(raised: RaisedInterrupt, earlier: HeldApproval[]): HeldApproval {
  const again = earlier.find((a) => a.interruptId === raised.id);
  if (again) return again;
  const reason = (raised.reason ?? {}) as { tool?: unknown; input?: unknown };
  const expiresAt = new Date(Date.now() + APPROVAL_TIMEOUT_MS).toISOString();
  return { id: `apr_${randomUUID()}`, interruptId: raised.id, tool: String(reason.tool ?? "unknown"), input: reason.input ?? null, expiresAt };
}

/**
 * Stores the stopped run (its snapshot, newest messages first kept when long) with its raised
 * interrupts as approvals; an interrupt raised again after a partial decision keeps its id and deadline.
 */
export async function pauseForApproval(caller: Caller, agent: Agent, raised: RaisedInterrupt[], conversationVersion: number, earlier: HeldApproval[] = []): Promise<PendingApproval[]> {
  const approvals = raised.map((r) => approvalOf(r, earlier));
  const snapshot = agent.takeSnapshot({ preset: "session", exclude: ["systemPrompt"] });
  const data = snapshot.data as { messages?: MessageData[] };
  if (data.messages) data.messages = fitting(data.messages, 300_000);
  await holdCall(caller, { approvals, snapshot: JSON.stringify(snapshot), conversationVersion });
  return approvals.map(publicOf);
}

/** The session's paused call, checked before a new prompt: past its deadline it is dropped (denied); otherwise the prompt must wait. */
export async function dropExpiredHold(caller: Caller, now = Date.now()): Promise<DecidedApproval[]> {
  const held = await loadHeldCall(caller);
  if (!held) return [];
  const waiting = held.approvals.find((a) => !expired(a, now));
  if (waiting) throw new AwaitingApproval(`this session waits for a decision on approval ${waiting.id}: send {"approval": {"id": "${waiting.id}", "decision": "approve" | "deny"}}`);
  await takeHeldCall(caller, held);
  return held.approvals.map((a) => ({ approval: publicOf(a), outcome: "timeout" as const }));
}

export type Resumption = { held: HeldCall; responses: InterruptResponseContentData[]; decided: DecidedApproval[] };

/**
 * Takes the session's paused call for a decision: the decided approval gets it (a deny once past
 * its deadline), every other approval past its deadline a timeout; one still in time stays pending.
 */
export async function takeForDecision(caller: Caller, decision: { id: string; decision: Decision }, now = Date.now()): Promise<Resumption> {
  const held = await loadHeldCall(caller);
  if (!held?.approvals.some((a) => a.id === decision.id)) throw new NoSuchApproval("no such pending approval in this session (decided or unknown)");
  await takeHeldCall(caller, held);
  const decided: DecidedApproval[] = [];
  for (const a of held.approvals) {
    const outcome: Outcome | null = expired(a, now) ? "timeout" : a.id === decision.id ? decision.decision : null;
    if (outcome) decided.push({ approval: publicOf(a), outcome });
  }
  const responses = decided.map((d) => ({ interruptResponse: { interruptId: held.approvals.find((a) => a.id === d.approval.id)!.interruptId, response: d.outcome } }));
  return { held, responses, decided };
}

export const requestEvent = (a: PendingApproval): RunEvent => ({ type: "approval_request", id: a.id, tool: a.tool, input: a.input, expiresAt: a.expiresAt });
export const decisionEvent = (d: DecidedApproval): RunEvent => ({ type: "approval_decision", id: d.approval.id, tool: d.approval.tool, decision: d.outcome });
