import { z } from "zod";
import type { RunEvent, ToolCallRecord } from "./types";

/**
 * Trajectory checks: what path the agent took to its answer, not only the answer. The tools it
 * called in a required order (a subsequence: other calls may come between), tools it must never
 * call, and at most how many model turns it took.
 */

const ToolName = z.string().trim().min(1, "must not be empty").max(100);

export const TrajectoryExpectations = {
  /** These tools must be called in this order; other calls may come between them. */
  toolsInOrder: z.array(ToolName).min(1, "needs at least one tool").max(20).optional(),
  /** None of these tools may be called. */
  forbiddenTools: z.array(ToolName).min(1, "needs at least one tool").max(20).optional(),
  /** At most this many model turns: one per tool-call round, plus the final answer. */
  maxTurns: z.number().int().min(1).max(100).optional(),
};

export type TrajectoryCheck = { kind: "toolsInOrder" | "forbiddenTools" | "maxTurns"; passed: boolean; detail: string };
type Expect = { toolsInOrder?: string[]; forbiddenTools?: string[]; maxTurns?: number };
export type Trajectory = { toolCalls: ToolCallRecord[]; events?: RunEvent[] };

/** True when `wanted` appears in `names` in order (not necessarily adjacent). */
export function isSubsequence(wanted: string[], names: string[]): boolean {
  let i = 0;
  for (const n of names) if (i < wanted.length && n === wanted[i]) i++;
  return i === wanted.length;
}

/**
 * Model turns as the run's events record them: a round of tool calls is the calls the model
 * asked for at once (a call that follows a tool result starts a new round); the final answer
 * is one more turn. Without events (an old run), each recorded call counts as its own round.
 */
export function countTurns(t: Trajectory): number {
  const events = t.events ?? [];
  if (events.length === 0) return t.toolCalls.length + 1;
  let rounds = 0;
  let resultSinceCall = true;
  for (const e of events) {
    if (e.type === "tool_call") {
      if (resultSinceCall) rounds++;
      resultSinceCall = false;
    } else if (e.type === "tool_result") resultSinceCall = true;
  }
  return rounds + 1;
}

export function trajectoryChecks(e: Expect, t: Trajectory): TrajectoryCheck[] {
  const names = t.toolCalls.map((c) => c.name);
  const called = names.length ? `called: ${names.join(" → ")}` : "no tool was called";
  const checks: TrajectoryCheck[] = [];
  if (e.toolsInOrder?.length) {
    checks.push({ kind: "toolsInOrder", passed: isSubsequence(e.toolsInOrder, names), detail: `tools called in order ${e.toolsInOrder.join(" → ")} (${called})` });
  }
  if (e.forbiddenTools?.length) {
    const hit = [...new Set(names.filter((n) => e.forbiddenTools!.includes(n)))];
    checks.push({ kind: "forbiddenTools", passed: hit.length === 0, detail: hit.length ? `forbidden tool called: ${hit.join(", ")}` : `no forbidden tool called (${e.forbiddenTools.join(", ")})` });
  }
  if (e.maxTurns !== undefined) {
    const turns = countTurns(t);
    checks.push({ kind: "maxTurns", passed: turns <= e.maxTurns, detail: `${turns} model turn${turns === 1 ? "" : "s"} ≤ ${e.maxTurns}` });
  }
  return checks;
}
