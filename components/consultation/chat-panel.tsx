"use client";

import { useEffect, useRef } from "react";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ChatMessage } from "./chat-message";
import { MessageComposer } from "./message-composer";
import type { LiveReply } from "./use-consultation";
import type { ChatMessage as Message, Understanding } from "./types";

type Props = {
  messages: Message[];
  question: string | null;
  live: LiveReply | null;
  failure: string | null;
  /** The configured model fell back to the offline model for the last reply. */
  notice: string | null;
  /** Which engine read the last message, and what of the model's proposal was dropped. */
  understanding: Understanding | null;
  /** An error of the last send that is not a conflict (shown under the input). */
  sendError: string | null;
  maxChars: number;
  modelLabel: string;
  modelId: string;
  onSend: (text: string) => Promise<boolean>;
  onRetry: () => void;
};

/** Whether the last stored message is the user's, i.e. a reply is owed (the server's retry rule). */
function owesReply(messages: Message[]): boolean {
  const complete = messages.filter((m) => !m.partial);
  return complete.at(-1)?.role === "user";
}

/** Names the model of a reply that did not come from the configured one. */
function fallbackLabel(m: Message, modelId: string): string | undefined {
  if (m.role !== "assistant" || !m.servedBy || m.servedBy === modelId || m.servedBy === "template") return undefined;
  return m.servedBy === "offline" ? "offline model (fallback)" : m.servedBy;
}

/** The conversation with the PM, the reply streaming in, and the input. */
export function ChatPanel({ messages, question, live, failure, notice, understanding, sendError, maxChars, modelLabel, modelId, onSend, onRetry }: Props) {
  const end = useRef<HTMLLIElement>(null);
  // A block body: Chromium's scrollIntoView returns a promise, which React would take for a cleanup.
  useEffect(() => {
    end.current?.scrollIntoView({ block: "nearest" });
  }, [messages.length, live?.text]);
  const canRetry = !live && owesReply(messages);

  return (
    <Card className="flex h-[36rem] flex-col gap-3" aria-label="Conversation">
      <div className="flex items-baseline justify-between">
        <h2 className="font-semibold">Conversation</h2>
        <span className="text-xs text-slate-400" title="The model that writes the PM's replies">{modelLabel}</span>
      </div>
      <ol className="flex flex-1 flex-col gap-3 overflow-y-auto pr-1" aria-label="Messages" aria-live="polite">
        {messages.length === 0 && !live && (
          <ChatMessage role="assistant" testId="message-greeting" content={`Hi, I'm your product manager for this agent. ${question ?? "Tell me what it should do."}`} />
        )}
        {messages.map((m) => (
          <ChatMessage key={m.messageId} role={m.role} content={m.content} partial={m.partial} servedBy={fallbackLabel(m, modelId)} />
        ))}
        {live?.userText && <ChatMessage role="user" content={live.userText} pending />}
        {live && !live.userText && <ChatMessage role="assistant" content={live.text || "…"} streaming />}
        {notice && (
          <li role="status" className="self-start rounded-md bg-amber-50 px-3 py-1.5 text-xs text-amber-800" data-testid="model-notice">{notice}</li>
        )}
        {understanding && !live && <UnderstoodBy understanding={understanding} />}
        <li ref={end} aria-hidden />
      </ol>
      {(failure || canRetry) && (
        <div role="alert" className="flex items-center justify-between gap-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <span>{failure ?? "The last reply did not finish."} What streamed is kept.</span>
          <Button variant="secondary" onClick={onRetry}>Retry</Button>
        </div>
      )}
      <MessageComposer maxChars={maxChars} busy={live !== null} onSend={onSend} error={sendError} />
    </Card>
  );
}

/** Says which engine read the last message: the configured model, or the rule engine (and why, when a model is configured). */
function UnderstoodBy({ understanding: u }: { understanding: Understanding }) {
  const who = u.engine === "model" ? `Understood by ${u.label}; every change was validated.` : u.fallback ? `Understood by the rule engine: ${u.fallback}.` : "Understood by the rule engine (offline).";
  return (
    <li role="status" className="self-start text-xs text-slate-500" data-testid="understood-by" data-engine={u.engine}>
      {who}
      {u.dropped.length > 0 && (
        <ul className="mt-1 list-disc pl-4 text-amber-800" aria-label="Not applied">
          {u.dropped.map((d) => <li key={d}>Not applied: {d}</li>)}
        </ul>
      )}
    </li>
  );
}
