"use client";

import { useCallback, useRef, useState } from "react";
import { useProjectEvents, type ConnectionState } from "../realtime/use-project-events";

export type TimelineEvent = { id: string; timestamp: string; logicalId: string; type: string; status: string; reason: string | null };
export type LiveInvocation = { id: string | null; text: string; done: boolean };

/**
 * The project's deploy events as they stream: stack events per deployment (the timeline),
 * status changes (lists refresh) and the deltas of the invocation in flight.
 */
export function useDeployEvents(projectId: string, onStatus: () => void) {
  const [timeline, setTimeline] = useState<Record<string, TimelineEvent[]>>({});
  const [invocation, setInvocation] = useState<LiveInvocation>({ id: null, text: "", done: true });
  const listening = useRef(false);
  const connection: ConnectionState = useProjectEvents(
    projectId,
    useCallback(
      (e, { replay }) => {
        const p = e.payload as { deploymentId?: string; event?: TimelineEvent; invocationId?: string; delta?: string; done?: boolean };
        if (e.type === "deploy.event" && p.deploymentId && p.event) {
          const event = p.event;
          setTimeline((all) => ({ ...all, [p.deploymentId!]: [...(all[p.deploymentId!] ?? []).filter((x) => x.id !== event.id), event] }));
        } else if (e.type === "deploy.status" && !replay) onStatus();
        else if (e.type === "deploy.invoke" && !replay && listening.current && p.invocationId) {
          setInvocation((cur) => (cur.id && cur.id !== p.invocationId ? cur : { id: p.invocationId!, text: cur.text + (p.delta ?? ""), done: !!p.done }));
          if (p.done) listening.current = false;
        }
      },
      [onStatus],
    ),
  );
  const startListening = useCallback(() => {
    listening.current = true;
    setInvocation({ id: null, text: "", done: false });
  }, []);
  return { timeline, invocation, startListening, connection };
}
