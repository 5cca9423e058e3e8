"use client";

export type LiveEvent = { projectId: string; seq: number; type: string; payload: unknown; createdAt: string };
export type ConnectionState = "connecting" | "live" | "reconnecting";
export type StreamListener = { onEvent(event: LiveEvent, meta: { replay: boolean }): void; onState(state: ConnectionState): void };

/** Events kept for components that subscribe after the socket opened (a tab shown later). */
const KEPT_EVENTS = 2_000;

/**
 * One WebSocket per project per page, shared by every component that listens to the project
 * (the pipeline panel, the consultation, the test runs). Remembers the last sequence number
 * and resubscribes from it after a reconnect, so the server replays exactly what was missed;
 * reconnects with capped exponential backoff; closes when the last listener leaves.
 */
class ProjectStream {
  readonly listeners = new Set<StreamListener>();
  private readonly seen: LiveEvent[] = [];
  private state: ConnectionState = "connecting";
  private socket: WebSocket | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastSeq = 0;
  private attempt = 0;
  private closed = false;
  // Events before "subscribed" are the server's replay of what this page has not seen.
  private replaying = true;

  constructor(private readonly projectId: string) {
    this.connect();
  }

  add(listener: StreamListener): void {
    this.listeners.add(listener);
    listener.onState(this.state);
    // A late listener gets what the page already received, marked as replay like the server's.
    for (const event of this.seen) listener.onEvent(event, { replay: true });
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.socket?.close();
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    for (const l of this.listeners) l.onState(state);
  }

  private connect(): void {
    const protocol = location.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(`${protocol}//${location.host}/realtime`);
    this.socket = socket;
    socket.onopen = () => {
      this.replaying = true;
      socket.send(JSON.stringify({ type: "subscribe", projectId: this.projectId, afterSeq: this.lastSeq }));
    };
    socket.onmessage = (message) => {
      const data = JSON.parse(String(message.data)) as { type: string; event?: LiveEvent };
      if (data.type === "subscribed") {
        this.attempt = 0;
        this.replaying = false;
        this.setState("live");
      } else if (data.type === "event" && data.event && data.event.seq > this.lastSeq) {
        this.lastSeq = data.event.seq;
        this.seen.push(data.event);
        if (this.seen.length > KEPT_EVENTS) this.seen.shift();
        for (const l of this.listeners) l.onEvent(data.event, { replay: this.replaying });
      }
    };
    socket.onclose = () => {
      if (this.closed) return;
      this.setState("reconnecting");
      this.timer = setTimeout(() => this.connect(), Math.min(10_000, 250 * 2 ** this.attempt++));
    };
  }
}

const streams = new Map<string, ProjectStream>();

/** Listens to a project's events on the page's one socket for it; returns the unsubscribe. */
export function subscribeProject(projectId: string, listener: StreamListener): () => void {
  let stream = streams.get(projectId);
  if (!stream) streams.set(projectId, (stream = new ProjectStream(projectId)));
  stream.add(listener);
  return () => {
    stream.listeners.delete(listener);
    if (stream.listeners.size > 0) return;
    stream.close();
    streams.delete(projectId);
  };
}
