"use client";

import { useEffect, useRef, useState } from "react";
import { subscribeProject, type ConnectionState, type LiveEvent } from "./project-stream";

export type { ConnectionState, LiveEvent } from "./project-stream";

/**
 * Subscribes to a project's events over the realtime WebSocket (session cookie auth). Every
 * component on the page shares one socket per project (project-stream.ts); events the page
 * received before this component mounted arrive first, marked `replay`.
 */
export function useProjectEvents(projectId: string, onEvent: (event: LiveEvent, meta: { replay: boolean }) => void): ConnectionState {
  const [state, setState] = useState<ConnectionState>("connecting");
  const handler = useRef(onEvent);
  handler.current = onEvent;

  useEffect(() => subscribeProject(projectId, { onEvent: (event, meta) => handler.current(event, meta), onState: setState }), [projectId]);

  return state;
}
