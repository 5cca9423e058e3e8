/** A guardrail intervention in a run's output: the agent's content policy blocked the prompt or the answer. */
export function GuardrailNotice({ message }: { message: string }) {
  return (
    <div data-testid="console-guardrail" role="status" className="rounded-md border border-orange-300 bg-orange-50 px-3 py-2">
      <p className="font-medium text-orange-900">Guardrail intervened</p>
      {message && <p className="mt-1 whitespace-pre-wrap text-xs text-orange-900">The user saw: {message}</p>}
    </div>
  );
}

/** Shown in a run's header when any of its events is a guardrail intervention. */
export function GuardrailBadge({ events }: { events: ReadonlyArray<{ type: string }> }) {
  if (!events.some((e) => e.type === "guardrail")) return null;
  return (
    <span data-testid="guardrail-badge" className="rounded bg-orange-100 px-1.5 py-0.5 text-[11px] font-bold tracking-wide text-orange-900">
      GUARDRAIL INTERVENED
    </span>
  );
}
