"use client";

import { cn } from "../ui/cn";

type Props = {
  role: "user" | "assistant";
  content: string;
  /** Cut off by a provider error or a closed stream. */
  partial?: boolean;
  /** Still streaming in. */
  streaming?: boolean;
  /** Not stored yet (the user's message while the server takes it). */
  pending?: boolean;
  /** Shown when the reply did not come from the configured model (a fallback). */
  servedBy?: string;
  /** Overrides the default test id (`message-<role>`), e.g. for the greeting that is never stored. */
  testId?: string;
};

/** One chat bubble: the user's on the right, the PM's on the left. */
export function ChatMessage({ role, content, partial, streaming, pending, servedBy, testId }: Props) {
  const mine = role === "user";
  return (
    <li className={cn("flex flex-col gap-1", mine ? "items-end" : "items-start")} data-testid={testId ?? (streaming ? "message-streaming" : pending ? "message-pending" : `message-${role}`)} data-partial={partial ? "true" : undefined}>
      <span className="text-xs text-slate-400">{mine ? "You" : "PM"}{servedBy ? ` · ${servedBy}` : ""}</span>
      <div
        className={cn(
          "max-w-[85%] whitespace-pre-wrap break-words rounded-2xl px-4 py-2.5 text-sm leading-relaxed",
          mine ? "rounded-br-sm bg-brand-600 text-white" : "rounded-bl-sm border border-slate-200 bg-slate-50 text-slate-800",
          pending && "opacity-70",
          partial && "border-amber-300 bg-amber-50",
        )}
      >
        {content}
        {streaming && <span className="ml-0.5 inline-block h-4 w-1.5 animate-pulse rounded-sm bg-slate-400 align-text-bottom" aria-hidden />}
      </div>
      {partial && <span className="text-xs font-medium text-amber-700">Reply cut off</span>}
    </li>
  );
}
