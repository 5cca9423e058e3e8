import { log } from "../../log";
import type { ApprovalDecisionLine } from "../run/run-project";
import type { RunEvent } from "../types";

/**
 * In the ECS runner task (aws mode) decisions cannot be pushed in: while the agent waits on
 * an approval, the task asks the app for decisions (testing.runner.decisions) every
 * POLL_MS and writes each one, once, to the agent's stdin. No polling while nothing waits.
 */

const POLL_MS = 1_000;

export type FetchDecisions = () => Promise<{ decisions: Array<{ id: string; decision: "approve" | "deny" }> }>;

export function decisionPoller(fetchDecisions: FetchDecisions, pollMs = POLL_MS) {
  let send: ((d: ApprovalDecisionLine) => boolean) | null = null;
  const waiting = new Set<string>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let busy = false;

  const poll = async () => {
    if (busy || !send) return;
    busy = true;
    try {
      for (const d of (await fetchDecisions()).decisions) if (waiting.has(d.id) && send({ approvalId: d.id, decision: d.decision })) waiting.delete(d.id);
    } catch (e) {
      log.warn("approval decisions could not be fetched", { error: String(e) });
    } finally {
      busy = false;
    }
    if (waiting.size === 0) stop();
  };
  const stop = () => {
    clearInterval(timer);
    timer = undefined;
  };

  return {
    /** runProject's onDecisionChannel. */
    channel(s: (d: ApprovalDecisionLine) => boolean) {
      send = s;
    },
    /** Sees every event the agent streams: a request starts polling, the agent's own decision (or timeout) ends its wait. */
    event(e: RunEvent) {
      if (e.type === "approval_request") {
        waiting.add(e.id);
        timer ??= setInterval(() => void poll(), pollMs);
      } else if (e.type === "approval_decision") {
        waiting.delete(e.id);
        if (waiting.size === 0) stop();
      }
    },
    stop,
  };
}
