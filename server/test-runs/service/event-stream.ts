import { log } from "../../log";
import type { Platform } from "../../platform/types";
import { publishEvent } from "../../realtime/publish";
import { MAX_STORED_EVENTS, STREAM_FLUSH_MS } from "../limits";
import type { RunEvent } from "../types";

/**
 * Streams a run's events to the browser as `testrun.event` project events ({ runId, event }),
 * in order. Text deltas (and log lines of one level) that arrive within STREAM_FLUSH_MS are
 * merged into one event, so a run writes tens of items, not hundreds; past MAX_STORED_EVENTS
 * only a note is sent (the stored result keeps what was kept).
 */

export const RUN_EVENT = "testrun.event";

function merge(batch: RunEvent[]): RunEvent[] {
  const out: RunEvent[] = [];
  for (const e of batch) {
    const last = out.at(-1);
    if (last?.type === "text" && e.type === "text") out[out.length - 1] = { ...last, delta: last.delta + e.delta };
    else if (last?.type === "log" && e.type === "log" && last.level === e.level) out[out.length - 1] = { ...last, message: `${last.message}\n${e.message}` };
    else out.push(e);
  }
  return out;
}

export function createEventStream(p: Pick<Platform, "dynamo" | "events">, projectId: string, runId: string, flushMs = STREAM_FLUSH_MS) {
  let pending: RunEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain = Promise.resolve();
  let sent = 0;
  let truncated = false;

  const send = (event: RunEvent) => {
    chain = chain
      .then(() => publishEvent(p, projectId, RUN_EVENT, { runId, event }))
      .then(() => undefined)
      .catch((e: unknown) => log.warn("test run event not published", { runId, error: String(e) }));
  };

  const flush = () => {
    timer = undefined;
    for (const e of merge(pending)) {
      if (sent < MAX_STORED_EVENTS) {
        sent++;
        send(e);
      } else if (!truncated && e.type !== "final" && e.type !== "error") {
        truncated = true;
        send({ type: "log", level: "notice", message: "Further events are not streamed live; the stored run keeps the output and metrics.", t: e.t });
      } else if (e.type === "final" || e.type === "error") send(e);
    }
    pending = [];
  };

  return {
    push(event: RunEvent) {
      pending.push(event);
      // Status, tool and final events go out at once; only text and logs wait to be merged.
      if (event.type !== "text" && event.type !== "log") {
        clearTimeout(timer);
        flush();
      } else timer ??= setTimeout(flush, flushMs);
    },
    /** Sends what is pending and resolves when everything is published. */
    async close() {
      clearTimeout(timer);
      flush();
      await chain;
    },
  };
}
