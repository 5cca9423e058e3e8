import { timed } from "./http-checks";
import type { RehearsalCheck } from "./types";

/**
 * Human approval, rehearsed: a client asks (streamed) for a tool the mock model then calls;
 * the agent must pause with an approval_request event, list it at GET
 * /sessions/{id}/approvals, and continue once POST /sessions/{id}/approvals/{approvalId}
 * decides: approve → the tool runs; deny → the call is cancelled and the answer says so.
 * On AgentCore (which forwards only /invocations and /ping) the decision is a second
 * POST /invocations on the same runtime session: {"approval": {"id", "decision"}}.
 * On Lambda (which cannot wait) the first call ends with the approval_request; the decision
 * is a second, streamed call on the session that resumes the run (approval_decision, the
 * tool's result or its cancellation, the final answer).
 */

const SESSION_HEADER = "x-amzn-bedrock-agentcore-runtime-session-id";
const session = (n: number) => `rehearsal-approval-${String(n).padStart(4, "0")}-${"x".repeat(16)}`;
type Event = { type: string; [k: string]: unknown };

/** Streams one call, handing each event to `onEvent` as it arrives; resolves with all of them. */
async function streamCall(url: string, body: object, sessionId: string, timeoutMs: number, onEvent: (e: Event) => void = () => undefined): Promise<Event[]> {
  const res = await fetch(`${url}/invocations`, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json", accept: "text/event-stream", [SESSION_HEADER]: sessionId },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (res.status !== 200 || !res.body) throw new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`);
  const events: Event[] = [];
  const decoder = new TextDecoder();
  let buffer = "";
  const reader = res.body.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    buffer += decoder.decode(r.value, { stream: true });
    let at: number;
    while ((at = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, at);
      buffer = buffer.slice(at + 2);
      const data = block.split("\n").filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\n");
      if (!data) continue;
      const e = JSON.parse(data) as Event;
      events.push(e);
      onEvent(e);
    }
  }
  return events;
}

/** Endpoints: ECS's per-session approval endpoints. Invocations: AgentCore's /invocations. Resume: Lambda's second call. */
export type DecideVia = "endpoints" | "invocations" | "resume";

async function decideByInvocation(url: string, sessionId: string, approvalId: string, decision: "approve" | "deny", timeoutMs: number): Promise<void> {
  const res = await fetch(`${url}/invocations`, {
    method: "POST",
    body: JSON.stringify({ approval: { id: approvalId, decision } }),
    headers: { "content-type": "application/json", [SESSION_HEADER]: sessionId },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (res.status !== 200) throw new Error(`POST /invocations {"approval": ...} ${decision} answered HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
}

async function decide(url: string, sessionId: string, approvalId: string, decision: "approve" | "deny", timeoutMs: number, via: DecideVia): Promise<void> {
  if (via === "invocations") return decideByInvocation(url, sessionId, approvalId, decision, timeoutMs);
  const listed = await fetch(`${url}/sessions/${sessionId}/approvals`, { signal: AbortSignal.timeout(timeoutMs) });
  const pending = ((await listed.json()) as { pending?: Array<{ id: string }> }).pending ?? [];
  if (!pending.some((p) => p.id === approvalId)) throw new Error(`GET /sessions/{id}/approvals did not list ${approvalId}`);
  const res = await fetch(`${url}/sessions/${sessionId}/approvals/${approvalId}`, { method: "POST", body: JSON.stringify({ decision }), headers: { "content-type": "application/json" }, signal: AbortSignal.timeout(timeoutMs) });
  if (res.status !== 200) throw new Error(`POST ${decision} answered HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
}

const eventTypes = (events: Event[]) => events.map((e) => e.type).join(", ");

/** Lambda: the first call ends on the approval_request; the decision's own call resumes the run and answers. */
async function resumeRoundTrip(url: string, tool: string, decision: "approve" | "deny", n: number, timeoutMs: number): Promise<string> {
  const sessionId = session(n);
  const first = await streamCall(url, { prompt: `Please use ${tool} for http://127.0.0.1:9/rehearsal` }, sessionId, timeoutMs);
  const request = first.find((e) => e.type === "approval_request");
  if (!request || typeof request.id !== "string") throw new Error(`${tool} ran without an approval_request (events: ${eventTypes(first)})`);
  if (first.at(-1) !== request) throw new Error(`the call went on after its approval_request (events: ${eventTypes(first)})`);
  if (first.some((e) => e.type === "tool_result")) throw new Error(`${tool} ran before a decision (events: ${eventTypes(first)})`);
  const resumed = await streamCall(url, { approval: { id: request.id, decision }, sessionId }, sessionId, timeoutMs);
  const decided = resumed.find((e) => e.type === "approval_decision");
  if (decided?.id !== request.id || decided.decision !== decision) throw new Error(`expected an approval_decision "${decision}" for ${request.id}, got ${JSON.stringify(decided)} (events: ${eventTypes(resumed)})`);
  const final = resumed.at(-1);
  if (final?.type !== "final") throw new Error(`the decision's call did not continue to a final answer (events: ${eventTypes(resumed)})`);
  const ran = resumed.some((e) => e.type === "tool_result" && e.name === tool && !/denied/i.test(JSON.stringify(e.output)));
  if (decision === "approve" && !ran) throw new Error(`after the approve ${tool} did not run (events: ${eventTypes(resumed)})`);
  if (decision === "deny" && (ran || !/denied/i.test(String(final.output)))) throw new Error(`after a deny ${tool} ran or the answer does not report it: ${String(final.output).slice(0, 200)}`);
  const again = await streamCall(url, { approval: { id: request.id, decision }, sessionId }, sessionId, timeoutMs);
  if (again.at(-1)?.type !== "error") throw new Error(`a second decision on ${request.id} was not refused (events: ${eventTypes(again)})`);
  return `${decision}: the call ended on the approval_request for ${tool}; a second call on the session with the decision resumed it and answered; deciding again was refused`;
}

async function roundTrip(url: string, tool: string, decision: "approve" | "deny", n: number, timeoutMs: number, via: DecideVia): Promise<string> {
  if (via === "resume") return resumeRoundTrip(url, tool, decision, n, timeoutMs);
  const sessionId = session(n);
  // Each decision's failure is kept (not left unhandled while the stream goes on) and reported after it.
  const decisions: Promise<Error | null>[] = [];
  const events = await streamCall(url, { prompt: `Please use ${tool} for http://127.0.0.1:9/rehearsal` }, sessionId, timeoutMs, (e) => {
    if (e.type === "approval_request" && typeof e.id === "string") decisions.push(decide(url, sessionId, e.id, decision, timeoutMs, via).then(() => null, (err: unknown) => (err instanceof Error ? err : new Error(String(err)))));
  });
  const failed = (await Promise.all(decisions)).find((e) => e !== null);
  if (failed) throw failed;
  if (decisions.length === 0) throw new Error(`${tool} ran without an approval_request (events: ${events.map((e) => e.type).join(", ")})`);
  const decided = events.find((e) => e.type === "approval_decision");
  if (decided?.decision !== decision) throw new Error(`expected an approval_decision "${decision}", got ${JSON.stringify(decided)}`);
  const final = events.at(-1);
  if (final?.type !== "final") throw new Error(`the call did not continue to a final answer after the ${decision}`);
  if (decision === "deny" && !/denied/i.test(String(final.output))) throw new Error(`after a deny the answer does not report it: ${String(final.output).slice(0, 200)}`);
  return via === "invocations" ? `${decision}: paused on ${tool}, decided through /invocations on the same session, then answered` : `${decision}: paused on ${tool}, listed, decided, then answered`;
}

/** Both round trips on the first offered tool that pauses for approval; null when none of `toolNames` needs it. */
export async function approvalChecks(url: string, toolNames: string[], approvalExpected: boolean, timeoutMs: number, via: DecideVia = "endpoints"): Promise<RehearsalCheck[]> {
  if (!approvalExpected) return [];
  return [
    await timed("approval-approve", async () => {
      for (const [i, tool] of toolNames.entries()) {
        try {
          return await roundTrip(url, tool, "approve", 10 + i, timeoutMs, via);
        } catch (e) {
          if (!/ran without an approval_request/.test((e as Error).message)) throw e;
        }
      }
      throw new Error(`none of the tools (${toolNames.join(", ") || "none offered"}) paused for approval`);
    }),
    await timed("approval-deny", async () => {
      const errors: string[] = [];
      for (const [i, tool] of toolNames.entries()) {
        try {
          return await roundTrip(url, tool, "deny", 40 + i, timeoutMs, via);
        } catch (e) {
          errors.push((e as Error).message);
          if (!/ran without an approval_request/.test((e as Error).message)) throw e;
        }
      }
      throw new Error(errors.join("; ") || "no tool paused for approval");
    }),
  ];
}
