const json = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v, null, 2));

const OUTCOME: Record<string, { text: string; tone: string }> = {
  approve: { text: "approved", tone: "border-emerald-300 bg-emerald-50 text-emerald-900" },
  deny: { text: "denied", tone: "border-red-300 bg-red-50 text-red-900" },
  timeout: { text: "denied: no decision in time", tone: "border-red-300 bg-red-50 text-red-900" },
};

/** A tool call that waits for a person's approval (spec.approval), as it streams in a run. */
export function ApprovalRequestNotice({ tool, input }: { tool: string; input: unknown }) {
  return (
    <div data-testid="console-approval-request" role="status" className="rounded-md border border-sky-300 bg-sky-50 px-3 py-2">
      <p className="font-medium text-sky-900">Approval needed to run {tool}</p>
      <pre className="mt-1 max-h-40 overflow-auto text-xs text-sky-900">{json(input)}</pre>
    </div>
  );
}

/** How an approval ended: approved, denied, or denied because no one answered in time. */
export function ApprovalDecisionNotice({ tool, decision }: { tool: string; decision: string }) {
  const o = OUTCOME[decision] ?? OUTCOME.deny!;
  return (
    <p data-testid="console-approval-decision" data-decision={decision} className={`rounded-md border px-3 py-1 text-xs font-medium ${o.tone}`}>
      {tool}: {o.text}
    </p>
  );
}
