"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useProjectEvents, type ConnectionState } from "../realtime/use-project-events";
import type { RunEvent } from "./types";

export type LiveRun = { events: RunEvent[]; status: string | null; error: string | null };

/**
 * The project's test-run events as they stream (testrun.started / .event / .finished), per run.
 * `onChange` fires when a run starts or finishes, so lists can refresh.
 */
export function useTestRunEvents(projectId: string, onChange: () => void): { runs: Record<string, LiveRun>; connection: ConnectionState } {
  const [runs, setRuns] = useState<Record<string, LiveRun>>({});
  // A reconnect replays many past starts and finishes at once: refresh once for the burst.
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const changed = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(onChange, 150);
  }, [onChange]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const connection = useProjectEvents(
    projectId,
    useCallback(
      (e) => {
        if (!e.type.startsWith("testrun.")) return;
        const payload = e.payload as { runId: string; event?: RunEvent; status?: string; error?: string | null };
        setRuns((all) => {
          const run = all[payload.runId] ?? { events: [], status: "queued", error: null };
          if (e.type === "testrun.event" && payload.event) return { ...all, [payload.runId]: { ...run, events: [...run.events, payload.event], status: run.status === "queued" ? "running" : run.status } };
          if (e.type === "testrun.finished") return { ...all, [payload.runId]: { ...run, status: payload.status ?? "error", error: payload.error ?? null } };
          return { ...all, [payload.runId]: run };
        });
        if (e.type !== "testrun.event") changed();
      },
      [changed],
    ),
  );
  return { runs, connection };
}
