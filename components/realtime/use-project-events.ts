"use client";

import { useEffect, useRef, useState } from "react";
import type { ConnectionState, LiveEvent } from "./project-stream";

export type { ConnectionState, LiveEvent } from "./project-stream";

/**
 * Subscribes to a project's events over the realtime WebSocket (session cookie auth). Every
 * component on the page shares one socket per project (project-stream.ts); events the page
 * received before this component mounted arrive first, marked `replay`. The socket's code
 * loads after the page has hydrated (its first paint does not need it), once for all of them.
 */
export function useProjectEvents(projectId: string, onEvent: (event: LiveEvent, meta: { replay: boolean }) => void): ConnectionState {
  const [state, setState] = useState<ConnectionState>("connecting");
  const handler = useRef(onEvent);
  handler.current = onEvent;

  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    let unmounted = false;
    void import("./project-stream").then(({ subscribeProject }) => {
      if (!unmounted) unsubscribe = subscribeProject(projectId, { onEvent: (event, meta) => handler.current(event, meta), onState: setState });
    });
    return () => {
      unmounted = true;
      unsubscribe?.();
    };
  }, [projectId]);

  return state;
}
