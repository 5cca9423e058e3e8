"use client";

import type { ReactNode } from "react";
import { cn } from "../ui/cn";
import { ApprovalDecisionNotice, ApprovalRequestNotice } from "./approval-notice";
import { GuardrailBadge, GuardrailNotice } from "./guardrail-notice";
import { ModelBadge } from "./model-badge";
import { ms, statusOf, tokens, type RunEvent } from "./types";

type Block = { key: number; t: number; node: ReactNode };

const json = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v, null, 2));

/** Consecutive text deltas read as one paragraph; everything else is its own line. `runId` (live runs only) lets open approvals be decided. */
function blocks(events: RunEvent[], runId?: string): Block[] {
  const out: Block[] = [];
  const decided = new Set(events.flatMap((e) => (e.type === "approval_decision" ? [e.id] : [])));
  let text: { key: number; t: number; value: string } | null = null;
  const hasText = events.some((e) => e.type === "text");
  const flush = () => {
    if (text) out.push({ key: text.key, t: text.t, node: <p className="whitespace-pre-wrap text-slate-900">{text.value}</p> });
    text = null;
  };
  events.forEach((e, i) => {
    if (e.type === "text") {
      text = text ? { ...text, value: text.value + e.delta } : { key: i, t: e.t, value: e.delta };
      return;
    }
    flush();
    const node =
      e.type === "status" ? (
        <p className="text-slate-500">· {e.message}</p>
      ) : e.type === "tool_call" ? (
        <div data-testid="console-tool-call" className="rounded-md border border-violet-200 bg-violet-50 px-3 py-2">
          <p className="font-medium text-violet-800">→ tool {e.name}</p>
          <pre className="mt-1 overflow-x-auto text-xs text-violet-900">{json(e.input)}</pre>
        </div>
      ) : e.type === "tool_result" ? (
        <div className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2">
          <p className="font-medium text-slate-700">← {e.name} returned</p>
          <pre className="mt-1 max-h-40 overflow-auto text-xs text-slate-700">{json(e.output)}</pre>
        </div>
      ) : e.type === "log" ? (
        <p className="whitespace-pre-wrap text-xs text-slate-500">[{e.level}] {e.message}</p>
      ) : e.type === "approval_request" ? (
        <ApprovalRequestNotice request={e} decide={runId && !decided.has(e.id) ? { runId } : undefined} />
      ) : e.type === "approval_decision" ? (
        <ApprovalDecisionNotice tool={e.tool} decision={e.decision} />
      ) : e.type === "guardrail" ? (
        <GuardrailNotice message={e.message} />
      ) : e.type === "error" ? (
        <p role="alert" className="text-red-700">error: {e.message}</p>
      ) : hasText ? null : (
        <p className="whitespace-pre-wrap text-slate-900">{e.output}</p>
      );
    if (node) out.push({ key: i, t: e.t, node });
  });
  flush();
  return out;
}

export type ConsoleSummary = { status: string | null; modelUsed: string | null; firstTokenMs: number | null; totalMs: number | null; tokensIn: number | null; tokensOut: number | null; error: string | null };

/** A run's output as it streams (or as stored): text, tool calls with arguments and results, logs, timing. */
export function RunConsole({ events, summary, live, runId }: { events: RunEvent[]; summary: ConsoleSummary; live: boolean; runId?: string }) {
  const status = summary.status ? statusOf(summary.status) : null;
  return (
    <div data-testid="run-console" data-status={summary.status ?? ""} className="rounded-lg border border-slate-200">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-slate-50 px-4 py-2 text-xs text-slate-600">
        {status && <span className={cn("rounded-full px-2 py-0.5 font-medium", status.tone)}>{status.label}</span>}
        {summary.modelUsed && <ModelBadge label={summary.modelUsed} />}
        <GuardrailBadge events={events} />
        <span>first token {ms(summary.firstTokenMs)}</span>
        <span>total {ms(summary.totalMs)}</span>
        <span>tokens in/out {tokens(summary.tokensIn, summary.tokensOut)}</span>
        {live && <span className="ml-auto animate-pulse text-brand-600">● live</span>}
      </div>
      <ol className="flex max-h-[28rem] flex-col gap-2 overflow-y-auto px-4 py-3 font-mono text-sm" aria-label="Run output" aria-live="polite">
        {events.length === 0 && <li className="text-slate-400">Waiting for output…</li>}
        {blocks(events, live ? runId : undefined).map((b) => (
          <li key={b.key} className="grid grid-cols-[4.5rem_1fr] gap-2">
            <span className="pt-0.5 text-right text-xs text-slate-400">+{(b.t / 1000).toFixed(2)}s</span>
            <div className="min-w-0">{b.node}</div>
          </li>
        ))}
      </ol>
      {summary.error && summary.status !== "succeeded" && (
        <p role="alert" className="border-t border-red-100 bg-red-50 px-4 py-2 text-sm text-red-700">{summary.error}</p>
      )}
    </div>
  );
}
