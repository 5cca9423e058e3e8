import WebSocket from "ws";

/** How long an event stored before the end may take to arrive live before it counts as lost. */
const DELIVERY_WINDOW_MS = 10_000;
/** How long the end-of-run check waits for the server's replay ("subscribed"). */
const CHECK_TIMEOUT_MS = 60_000;

export type RealtimeCounters = {
  /** A socket error the bench did not cause (refused upgrade, reset connection). */
  onError(message: string): void;
  /** Upgrade → "subscribed" (the replay done), per connection. */
  onSubscribed(ms: number): void;
  onReconnect(): void;
};

type Message = { type: string; event?: { seq: number }; lastSeq?: number; message?: string };

/**
 * A simulated page's realtime subscription, behaving like the product's client
 * (components/realtime/project-stream.ts): it subscribes from the last seq it saw and, when
 * the socket closes under it, reconnects with capped exponential backoff and resubscribes
 * from there, so the server replays what it missed. `finish()` asks a second socket for
 * everything stored (the server's replay) and gives the live one DELIVERY_WINDOW_MS to have
 * seen each of those events; an event it never saw is lost — a page would have missed it.
 */
export function subscribeLikeAPage(url: string, headers: Record<string, string>, projectId: string, counters: RealtimeCounters) {
  const seen = new Set<number>();
  let lastSeq = 0;
  let attempt = 0;
  let closed = false;
  let socket: WebSocket;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = () => {
    const started = performance.now();
    const ws = new WebSocket(url, { headers });
    socket = ws;
    ws.on("open", () => ws.send(JSON.stringify({ type: "subscribe", projectId, afterSeq: lastSeq })));
    ws.on("message", (data) => {
      const m = JSON.parse(String(data)) as Message;
      if (m.type === "subscribed") {
        attempt = 0;
        counters.onSubscribed(performance.now() - started);
      } else if (m.type === "event" && m.event && m.event.seq > lastSeq) {
        lastSeq = m.event.seq;
        seen.add(m.event.seq);
      } else if (m.type === "error") counters.onError(`server: ${m.message}`);
    });
    // A browser always follows an error with close; the reconnect happens there.
    ws.on("error", (e) => !closed && counters.onError(describe(e)));
    ws.on("close", () => {
      if (closed) return;
      counters.onReconnect();
      timer = setTimeout(connect, Math.min(10_000, 250 * 2 ** attempt++));
    });
  };
  connect();

  return {
    seen: () => new Set(seen),
    async finish(): Promise<{ received: number; lost: number[] }> {
      const stored = await storedSeqs(url, headers, projectId);
      const deadline = Date.now() + DELIVERY_WINDOW_MS;
      while (Date.now() < deadline && stored.some((s) => !seen.has(s))) await sleep(100);
      closed = true;
      clearTimeout(timer);
      socket.close();
      return { received: seen.size, lost: stored.filter((s) => !seen.has(s)) };
    },
  };
}

/** Every event seq stored for the project, as the server replays it to a fresh subscription. */
function storedSeqs(url: string, headers: Record<string, string>, projectId: string): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const seqs: number[] = [];
    const fail = (why: string) => (clearTimeout(timeout), ws.terminate(), reject(new Error(`realtime check: ${why}`)));
    const timeout = setTimeout(() => fail(`no replay in ${CHECK_TIMEOUT_MS} ms`), CHECK_TIMEOUT_MS);
    ws.on("open", () => ws.send(JSON.stringify({ type: "subscribe", projectId, afterSeq: 0 })));
    ws.on("message", (data) => {
      const m = JSON.parse(String(data)) as Message;
      if (m.type === "event" && m.event) seqs.push(m.event.seq);
      if (m.type === "error") fail(`server: ${m.message}`);
      if (m.type !== "subscribed") return;
      clearTimeout(timeout);
      ws.close();
      resolve(seqs);
    });
    ws.on("error", (e) => fail(describe(e)));
  });
}

const describe = (e: Error) => `${e.message}${(e as { code?: string }).code ? ` (${(e as { code?: string }).code})` : ""}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
