import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { log } from "../log";
import type { ProjectEvent } from "../platform/types";
import { ClientMessage, MAX_CLIENT_MESSAGE_BYTES, REALTIME_PATH, type ServerMessage } from "./protocol";
import { toHeaders } from "../api/node-headers";

export type RealtimeDeps = {
  /** The caller's user id from the session cookie or an API token; null refuses the upgrade. */
  authenticate(headers: Headers): Promise<string | null>;
  /** Whether the user owns the project (the same check as every procedure). */
  canAccess(userId: string, projectId: string): Promise<boolean>;
  /** Stored events after a sequence number, oldest first. */
  replay(projectId: string, afterSeq: number): Promise<ProjectEvent[]>;
  /** Validated client commands (e.g. cancel) go to the same services as the API. */
  onCommand?(userId: string, message: Extract<ClientMessage, { type: "cancel-modification" }>): Promise<void>;
};

type Subscription = { lastSeq: number; replaying: boolean; buffered: ProjectEvent[]; gapTimer?: ReturnType<typeof setTimeout>; gapTries: number };

/**
 * How long a hole in the sequence (seq N taken, N+1 stored) is waited for, counted from
 * N+1's creation: a writer that takes a seq and stores its event a few seconds later (a
 * loaded machine) is waited for; a hole older than this had its writer die in between and
 * is skipped at once, so a new page's replay never stalls on an old hole.
 */
export const GAP_WAIT_MS = 10_000;
/** How often a hole is looked up again in the log (a live delivery can fail; the log cannot). */
const GAP_POLL_MS = [25, 50, 100, 200, 400, 800, 1_000];

/** Whether `next` (the first event after `lastSeq`) follows a hole worth waiting for. */
const waitsOnHole = (next: ProjectEvent, lastSeq: number, now = Date.now()) =>
  next.seq > lastSeq + 1 && now - Date.parse(next.createdAt) < GAP_WAIT_MS;

/** Page size of a replay from the event log (listEventsAfter's limit). */
export const REPLAY_PAGE = 500;
type Client = { userId: string; subs: Map<string, Subscription> };

/**
 * The WebSocket service: authenticates the upgrade, lets a client subscribe only to its own
 * projects, replays what it missed (from its last seq) and then pushes live events in order,
 * with no gap and no duplicate across the replay/live boundary.
 */
export function createRealtimeServer(deps: RealtimeDeps) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE_BYTES });
  const clients = new Map<WebSocket, Client>();
  const send = (ws: WebSocket, m: ServerMessage) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(m));

  function deliver(ws: WebSocket, sub: Subscription, event: ProjectEvent) {
    if (event.seq <= sub.lastSeq) return;
    sub.lastSeq = event.seq;
    send(ws, { type: "event", event });
  }

  /**
   * Replays stored events after the subscription's last seq, page by page, while live ones
   * are buffered; then flushes the buffer in order. Used on subscribe and while a live event
   * shows a hole (two writers can store seq 5 before seq 4): nothing is skipped or repeated
   * unless the hole outlives GAP_WAIT_MS.
   */
  async function catchUp(ws: WebSocket, sub: Subscription, projectId: string): Promise<number> {
    sub.replaying = true;
    let replayed = 0;
    try {
      paging: for (;;) {
        const page = await deps.replay(projectId, sub.lastSeq);
        for (const [i, e] of page.entries()) {
          // A hole in the log (an event still being written): stop here, keep the rest for flush().
          if (waitsOnHole(e, sub.lastSeq)) {
            sub.buffered.push(...page.slice(i));
            break paging;
          }
          deliver(ws, sub, e);
          replayed++;
        }
        if (page.length < REPLAY_PAGE) break;
      }
    } finally {
      sub.replaying = false;
    }
    flush(ws, sub, projectId);
    return replayed;
  }

  /** Delivers buffered events in order up to a hole; a hole is looked up again in the log until filled or too old. */
  function flush(ws: WebSocket, sub: Subscription, projectId: string) {
    sub.buffered.sort((a, b) => a.seq - b.seq);
    while (sub.buffered.length > 0) {
      const e = sub.buffered[0]!;
      if (waitsOnHole(e, sub.lastSeq)) {
        if (sub.gapTimer || ws.readyState !== ws.OPEN) return;
        const delay = GAP_POLL_MS[Math.min(sub.gapTries++, GAP_POLL_MS.length - 1)]!;
        sub.gapTimer = setTimeout(() => {
          sub.gapTimer = undefined;
          void catchUp(ws, sub, projectId).catch((err) => log.error("realtime catch-up failed", { projectId, error: String(err) }));
        }, delay);
        return;
      }
      sub.buffered.shift();
      deliver(ws, sub, e);
    }
    sub.gapTries = 0;
    clearTimeout(sub.gapTimer);
    sub.gapTimer = undefined;
  }

  function stopWaiting(sub: Subscription | undefined) {
    if (sub) clearTimeout(sub.gapTimer);
  }

  function pushTo(ws: WebSocket, sub: Subscription, projectId: string, event: ProjectEvent) {
    sub.buffered.push(event);
    if (!sub.replaying) flush(ws, sub, projectId);
  }

  async function subscribe(ws: WebSocket, client: Client, projectId: string, afterSeq: number) {
    if (!(await deps.canAccess(client.userId, projectId))) {
      // Same answer for missing and foreign projects: no existence leak.
      return send(ws, { type: "error", projectId, message: `Project '${projectId}' was not found` });
    }
    const sub: Subscription = { lastSeq: afterSeq, replaying: true, buffered: [], gapTries: 0 };
    client.subs.set(projectId, sub);
    const replayed = await catchUp(ws, sub, projectId);
    send(ws, { type: "subscribed", projectId, replayed, lastSeq: sub.lastSeq });
  }

  async function onMessage(ws: WebSocket, client: Client, raw: string) {
    let parsed: ReturnType<typeof ClientMessage.safeParse>;
    try {
      parsed = ClientMessage.safeParse(JSON.parse(raw));
    } catch {
      return send(ws, { type: "error", message: "message is not JSON" });
    }
    if (!parsed.success) return send(ws, { type: "error", message: parsed.error.issues.map((i) => `${i.path.join(".") || "message"}: ${i.message}`).join("; ") });
    const m = parsed.data;
    if (m.type === "ping") return send(ws, { type: "pong" });
    if (m.type === "subscribe") return subscribe(ws, client, m.projectId, m.afterSeq);
    if (m.type === "unsubscribe") return void (stopWaiting(client.subs.get(m.projectId)), client.subs.delete(m.projectId));
    if (!client.subs.has(m.projectId)) return send(ws, { type: "error", projectId: m.projectId, message: "subscribe to the project first" });
    try {
      await deps.onCommand?.(client.userId, m);
    } catch (e) {
      send(ws, { type: "error", projectId: m.projectId, message: e instanceof Error ? e.message : "command failed" });
    }
  }

  return {
    /** Handles the HTTP upgrade if it is for the realtime path; returns false otherwise. */
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (url.pathname !== REALTIME_PATH) return false;
      void deps.authenticate(toHeaders(req)).then(
        (userId) => {
          if (!userId) {
            socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
            return;
          }
          wss.handleUpgrade(req, socket, head, (ws) => {
            const client: Client = { userId, subs: new Map() };
            clients.set(ws, client);
            ws.on("message", (data) => void onMessage(ws, client, data.toString()).catch((e) => log.error("realtime message failed", { error: String(e) })));
            ws.on("close", () => (clients.delete(ws), client.subs.forEach(stopWaiting)));
            // An oversized or malformed frame: ws closes the socket (1009/1002) and reports it here;
            // without a listener it would be an uncaughtException.
            ws.on("error", (e) => log.warn("realtime socket error", { error: (e as { code?: string }).code ?? e.name }));
          });
        },
        () => socket.destroy(),
      );
      return true;
    },
    /** Pushes a stored event to every client subscribed to its project. */
    push(event: ProjectEvent): void {
      for (const [ws, client] of clients) {
        const sub = client.subs.get(event.projectId);
        if (sub) pushTo(ws, sub, event.projectId, event);
      }
    },
    clientCount: () => clients.size,
    close(): Promise<void> {
      for (const ws of clients.keys()) ws.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}

export type RealtimeServer = ReturnType<typeof createRealtimeServer>;
