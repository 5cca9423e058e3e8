"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTRPC, useTRPCClient } from "../trpc/client";
import type { ChatMessage, ConsultationState, ConsultationView, SendEvent, Understanding } from "./types";

/** The reply being streamed right now. */
export type LiveReply = { userText: string | null; text: string };

/** How long a field stays lit after the conversation changed it. */
const HIGHLIGHT_MS = 2_500;

/**
 * The Consultation tab's data: the stored conversation and draft (consultation.get), the
 * reply streaming in, and the fields the last turn changed. `send` resolves false when the
 * message was not taken (conflict, bad request), so the composer can put the text back.
 */
export function useConsultation(projectId: string) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const queryKey = trpc.consultation.get.queryKey({ projectId });
  // Other tabs (Models, Tools, Cost) change the draft too: always read it fresh on mount.
  const query = useQuery(trpc.consultation.get.queryOptions({ projectId }, { staleTime: 0 }));
  const [live, setLive] = useState<LiveReply | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [failure, setFailure] = useState<string | null>(null);
  /** The last fallback notice ("… is unavailable; this reply comes from the offline model"), kept after the reply. */
  const [notice, setNotice] = useState<string | null>(null);
  /** Which engine read the last message (the configured model, or the rule engine and why). */
  const [understanding, setUnderstanding] = useState<Understanding | null>(null);
  const [changed, setChanged] = useState<ReadonlySet<string>>(new Set());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const patch = useCallback(
    (change: (old: ConsultationView) => ConsultationView) => queryClient.setQueryData<ConsultationView>(queryKey, (old) => (old ? change(old) : old)),
    [queryClient, queryKey],
  );
  const light = useCallback((paths: readonly string[]) => {
    clearTimeout(timer.current);
    setChanged(new Set(paths));
    timer.current = setTimeout(() => setChanged(new Set()), HIGHLIGHT_MS);
  }, []);
  /** A mutation's new state (spec edit, phase change) replaces the stored one. */
  const applyState = useCallback((state: ConsultationState, lit: readonly string[] = []) => {
    patch((old) => ({ ...old, state }));
    if (lit.length) light(lit);
  }, [patch, light]);

  const run = useCallback(
    async (start: () => Promise<AsyncIterable<SendEvent>>, userText: string | null): Promise<boolean> => {
      setError(null);
      setFailure(null);
      setNotice(null);
      setLive({ userText, text: "" });
      const append = (m: ChatMessage) => patch((old) => ({ ...old, messages: [...old.messages, m] }));
      try {
        for await (const event of await start()) {
          if (event.type === "accepted") {
            patch((old) => ({ ...old, state: event.state, messages: userText === null ? old.messages : [...old.messages, event.userMessage] }));
            light(event.changed);
            if (event.understanding) setUnderstanding(event.understanding);
            setLive((l) => l && { ...l, userText: null });
          } else if (event.type === "notice") setNotice(event.message);
          else if (event.type === "text") setLive((l) => l && { ...l, text: l.text + event.delta });
          else if (event.type === "done") append(event.message);
          else {
            if (event.message) append(event.message);
            setFailure(event.error);
          }
        }
        return true;
      } catch (e) {
        setError(e);
        return false;
      } finally {
        setLive(null);
      }
    },
    [patch, light],
  );

  const send = useCallback(
    (message: string) => {
      const rev = query.data?.state.rev;
      if (rev === undefined) return Promise.resolve(false);
      return run(() => client.consultation.send.mutate({ projectId, message, rev }), message);
    },
    [client, projectId, query.data?.state.rev, run],
  );
  const retry = useCallback(() => run(() => client.consultation.retry.mutate({ projectId }), null), [client, projectId, run]);
  const reload = useCallback(async () => {
    setError(null);
    await queryClient.invalidateQueries({ queryKey });
  }, [queryClient, queryKey]);

  return { query, live, error, failure, notice, understanding, changed, send, retry, reload, applyState };
}
