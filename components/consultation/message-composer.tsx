"use client";

import { useId, useState, type FormEvent, type KeyboardEvent } from "react";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";

type Props = {
  maxChars: number;
  busy: boolean;
  disabled?: boolean;
  /** Resolves true when the message was taken; otherwise the text is put back. */
  onSend: (text: string) => Promise<boolean>;
  error?: string | null;
};

/** The chat input: Enter sends, Shift+Enter breaks the line; the length limit is shown as you type. */
export function MessageComposer({ maxChars, busy, disabled, onSend, error }: Props) {
  const [text, setText] = useState("");
  const id = useId();
  const over = text.length - maxChars;
  const blank = text.trim().length === 0;

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (blank || over > 0 || busy || disabled) return;
    const sent = text;
    setText("");
    // Not taken (a conflict, a bad request): the text comes back unless the user typed anew.
    if (!(await onSend(sent))) setText((now) => now || sent);
  }
  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-1.5 border-t border-slate-200 pt-3">
      <label htmlFor={id} className="sr-only">Message to the PM</label>
      <textarea
        id={id}
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        placeholder="Describe your agent: what it does, for whom, which data or tools it needs, traffic and budget…"
        aria-invalid={over > 0 || !!error || undefined}
        aria-describedby={`${id}-hint`}
        className={cn("w-full resize-y rounded-md border px-3 py-2 text-sm shadow-xs outline-none focus:ring-2 focus:ring-brand-500", over > 0 || error ? "border-red-500" : "border-slate-300")}
      />
      <div className="flex items-center justify-between gap-3">
        <p id={`${id}-hint`} className={cn("text-xs", over > 0 ? "text-red-600" : "text-slate-500")} data-testid="message-limit">
          {over > 0
            ? `${over.toLocaleString("en-US")} characters over the ${maxChars.toLocaleString("en-US")}-character limit`
            : `${text.length.toLocaleString("en-US")} / ${maxChars.toLocaleString("en-US")} characters · Enter sends, Shift+Enter adds a line`}
        </p>
        <Button type="submit" busy={busy} disabled={blank || over > 0 || disabled}>Send</Button>
      </div>
      {error && <p role="alert" className="text-xs text-red-600">{error}</p>}
    </form>
  );
}
