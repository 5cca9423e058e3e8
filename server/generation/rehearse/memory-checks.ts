import { answerOf, invoke, timed } from "./http-checks";
import type { MemoryStandIn } from "./memory-standin";
import type { RehearsalCheck } from "./types";

/**
 * AgentCore Memory keyed by the caller: one actor records a memory in one session, and only
 * that actor in that session lists it back; another actor, or the same actor in another
 * session, sees nothing. The mock model calls the memory tool because the prompt names it.
 */

const USER_ID_HEADER = "x-amzn-bedrock-agentcore-runtime-user-id";
const SECRET = "my favourite colour is teal";
const as = (actor: string) => ({ [USER_ID_HEADER]: actor });

export async function memoryPerCallerCheck(url: string, memory: MemoryStandIn, timeoutMs: number): Promise<RehearsalCheck> {
  return timed("memory-per-caller", async () => {
    const recorded = answerOf(await invoke(url, `agent core memory record: ${SECRET}`, 21, timeoutMs, as("alice"))).output;
    if (!/recorded/.test(recorded)) throw new Error(`the record call did not reach the memory tool: ${recorded.slice(0, 200)}`);
    const stored = memory.events.map((e) => `${e.actorId}/${e.sessionId}`);
    if (stored.length !== 1 || !stored[0]!.startsWith("alice/rehearsal-session-0021")) throw new Error(`expected one event for alice in session 21, the memory holds ${stored.join(", ") || "nothing"}`);
    const list = async (actor: string, session: number) => answerOf(await invoke(url, "agent core memory list what you remember", session, timeoutMs, as(actor))).output;
    if ((await list("bob", 22)).includes("teal")) throw new Error("another actor in another session listed alice's memory");
    if ((await list("bob", 21)).includes("teal")) throw new Error("another actor in the same session id listed alice's memory");
    if ((await list("alice", 23)).includes("teal")) throw new Error("the same actor in another session listed this session's memory");
    if (!(await list("alice", 21)).includes("teal")) throw new Error("alice could not list her own memory in her session");
    return "alice's memory is listed in her session only (not for bob, nor in another session); events keyed by the user id header and the runtime session id";
  });
}

/**
 * Conversation memory across calls: the second call of a session carries the first turn to the
 * model (its input grows), while the same session id under another actor starts afresh.
 */
export async function conversationCheck(url: string, timeoutMs: number): Promise<RehearsalCheck> {
  return timed("conversation-memory", async () => {
    const ask = async (actor: string) => answerOf(await invoke(url, "Remember this conversation", 31, timeoutMs, as(actor))).usage.inputTokens;
    const first = await ask("carol");
    const second = await ask("carol");
    if (!(second > first)) throw new Error(`the second call of a session sent ${second} input tokens after ${first}: it did not see the first call`);
    const other = await ask("dave");
    if (other !== first) throw new Error(`another actor on the same session id sent ${other} input tokens, not ${first}: it saw carol's conversation`);
    return `second call of the session sent ${second} input tokens after ${first}; another actor started afresh (${other})`;
  });
}
