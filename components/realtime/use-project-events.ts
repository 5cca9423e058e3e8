"use client";

import { useEffect, useRef, useState } from "react";

export type LiveEvent = { projectId: string; seq: number; type: string; payload: unknown; createdAt: string };
export type ConnectionState = "connecting" | "live" | "reconnecting";

/**
 * Subscribes to a project's events over the realtime WebSocket (session cookie auth).
 * Remembers the last sequence number and resubscribes from it after a reconnect, so the
 * server replays exactly what was missed. Reconnects with capped exponential backoff.
 */
export function useProjectEvents(projectId: string, onEvent: (event: LiveEvent, meta: { replay: boolean }) => void): ConnectionState {
  const [state, setState] = useState<ConnectionState>("connecting");
  const handler = useRef(onEvent);
  handler.current = onEvent;

  useEffect(() => {
    let lastSeq = 0;
    let attempt = 0;
    let socket: WebSocket | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let closed = false;
    // Events before "subscribed" are the server's replay of what this page has not seen.
    let replaying = true;

    const connect = () => {
      const protocol = location.protocol === "https:" ? "wss:" : "ws:";
      socket = new WebSocket(`${protocol}//${location.host}/realtime`);
      socket.onopen = () => {
        replaying = true;
        socket?.send(JSON.stringify({ type: "subscribe", projectId, afterSeq: lastSeq }));
      };
      socket.onmessage = (message) => {
        const data = JSON.parse(String(message.data)) as { type: string; event?: LiveEvent };
        if (data.type === "subscribed") {
          attempt = 0;
          replaying = false;
          setState("live");
        } else if (data.type === "event" && data.event && data.event.seq > lastSeq) {
          lastSeq = data.event.seq;
          handler.current(data.event, { replay: replaying });
        }
      };
      socket.onclose = () => {
        if (closed) return;
        setState("reconnecting");
        timer = setTimeout(connect, Math.min(10_000, 250 * 2 ** attempt++));
      };
    };
    connect();
    return () => {
      closed = true;
      clearTimeout(timer);
      socket?.close();
    };
  }, [projectId]);

  return state;
}
