"use client";

import { formatMs } from "./format";
import type { Verification } from "./types";

type Rehearsal = NonNullable<Verification["rehearsal"]>;

const STATUS_TEXT: Record<Rehearsal["status"], string> = {
  passed: "Deploy rehearsal passed",
  failed: "Deploy rehearsal failed",
  skipped: "Deploy rehearsal skipped",
  "not-applicable": "Deploy rehearsal not applicable",
};

const CHECK_TEXT: Record<Rehearsal["checks"][number]["name"], string> = {
  install: "Dependencies installed",
  build: "Built as deployed",
  boot: "Booted and healthy",
  "health-check": "Container health check",
  invoke: "Answered a call",
  stream: "Streamed an answer",
  "usage-per-request": "Usage per request",
  "concurrent-sessions": "Two sessions at once",
  "busy-session": "Busy session: 200 or 409",
  "bad-request": "Bad request gets 4xx",
  "api-tool": "Your API tool called a stand-in API",
  "gateway-tool": "Your API called through a stand-in AgentCore Gateway",
  "gateway-auth": "Gateway refused unsigned and badly signed calls",
  guardrail: "Guardrail intervened on a denied topic",
  "approval-approve": "Paused for approval, approved, continued",
  "approval-deny": "Paused for approval, denied, reported",
  "memory-per-caller": "Memory kept per caller",
  "conversation-memory": "Conversation kept across calls",
};

/**
 * The deploy rehearsal QA ran on this version: the project booted the way its IaC runs it
 * and called like a client would, each step with its timing. Skipped is shown as skipped.
 */
export function RehearsalSection({ rehearsal }: { rehearsal: Rehearsal }) {
  const tone = rehearsal.status === "passed" ? "text-emerald-700" : rehearsal.status === "failed" ? "text-red-700" : "text-amber-800";
  return (
    <div data-testid="rehearsal" data-status={rehearsal.status} className="rounded border border-slate-200 p-2 text-xs">
      <p className={`font-medium ${tone}`}>
        {STATUS_TEXT[rehearsal.status]} <span className="tabular-nums text-slate-400">· {formatMs(rehearsal.ms)}</span>
      </p>
      {rehearsal.reason && <p className="mt-0.5 whitespace-pre-wrap text-slate-600">{rehearsal.reason}</p>}
      {rehearsal.how && <p className="mt-0.5 text-slate-500">{rehearsal.how}</p>}
      {rehearsal.checks.length > 0 && (
        <ul className="mt-1 space-y-0.5" aria-label="Rehearsal steps">
          {rehearsal.checks.map((c) => (
            <li key={c.name} className="flex justify-between gap-2" title={c.detail}>
              <span className={c.ok ? "text-slate-700" : "text-red-700"}>
                {c.ok ? "✓" : "✕"} {CHECK_TEXT[c.name] ?? c.name}
              </span>
              <span className="shrink-0 whitespace-nowrap tabular-nums text-slate-400">{formatMs(c.ms)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
