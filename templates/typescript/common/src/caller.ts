import type { InvocationState } from "@strands-agents/sdk";
import { validateActorId } from "./security.js";

/**
 * Who is calling: the actor (the end user whose memories these are) and the session, taken
 * from each request and handed to tools through the invocation state, never from settings,
 * so two callers never share one memory.
 */

export type Caller = { actorId: string; sessionId: string };

/** Set by AgentCore Runtime from InvokeAgentRuntime's runtimeUserId (callers need InvokeAgentRuntimeForUser). */
export const USER_ID_HEADER = "x-amzn-bedrock-agentcore-runtime-user-id";
const CALLER_KEY = "caller";

/**
 * The caller of one request: the runtime's user header first, then "actorId" from the body.
 * Without either, the actor is the session itself, so an unidentified caller's memories stay
 * in that session instead of being shared with every other unidentified caller.
 */
export function callerFrom(sessionId: string, userHeader: string | undefined, bodyActorId: string | undefined): Caller {
  const actor = userHeader || bodyActorId;
  return { actorId: actor ? validateActorId(actor) : sessionActor(sessionId), sessionId };
}

// A session id may hold characters an actor id may not: keep the allowed ones.
const sessionActor = (sessionId: string) => `session-${sessionId.replace(/[^a-zA-Z0-9\-_]/g, "_").slice(0, 240)}`;

/** The invocation state that carries `caller` to the tools of one run. */
export const invocationStateFor = (caller: Caller): InvocationState => ({ [CALLER_KEY]: caller });

/** The caller of the run a tool is part of; a tool that keys data by caller must not run without one. */
export function callerOf(state: InvocationState | undefined): Caller {
  const caller = state?.[CALLER_KEY] as Partial<Caller> | undefined;
  if (typeof caller?.actorId !== "string" || typeof caller.sessionId !== "string") {
    throw new Error("this tool needs the caller's actor and session, and the run has none");
  }
  return { actorId: caller.actorId, sessionId: caller.sessionId };
}
