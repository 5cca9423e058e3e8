"use client";

import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { isConflict, type ConsultationState, type Phase } from "./types";

const PHASES: { id: Phase; label: string }[] = [
  { id: "requirements", label: "Requirements" },
  { id: "architecture", label: "Architecture" },
  { id: "implementation", label: "Implementation" },
  { id: "code_generation", label: "Code generation" },
  { id: "testing", label: "Testing" },
  { id: "deployment", label: "Deployment" },
];

type Props = { projectId: string; state: ConsultationState; onState: (state: ConsultationState) => void; onConflict: (e: unknown) => void };

/**
 * Where the project is in its workflow. Earlier phases are buttons that go back to them;
 * "Next phase" advances when the rules allow (the server says why not).
 */
export function PhaseBar({ projectId, state, onState, onConflict }: Props) {
  const trpc = useTRPC();
  const options = { onSuccess: onState, onError: (e: unknown) => isConflict(e) && onConflict(e) };
  const back = useMutation(trpc.workflow.goBack.mutationOptions(options));
  const next = useMutation(trpc.workflow.advance.mutationOptions(options));
  const current = PHASES.findIndex((p) => p.id === state.phase);
  const error = [back.error, next.error].find((e) => e && !isConflict(e));
  const reset = () => { back.reset(); next.reset(); };

  return (
    <div className="flex flex-col gap-2" data-testid="phase-bar" data-phase={state.phase}>
      <div className="flex flex-wrap items-center gap-3">
        <ol className="flex flex-1 flex-wrap items-center gap-1 text-xs" aria-label="Workflow phases">
          {PHASES.map((p, i) => (
            <li key={p.id} className="flex items-center gap-1">
              {i < current ? (
                <button
                  type="button"
                  className="rounded-full border border-emerald-300 bg-emerald-50 px-2.5 py-1 text-emerald-700 hover:bg-emerald-100"
                  title={`Go back to ${p.label}`}
                  disabled={back.isPending}
                  onClick={() => { reset(); back.mutate({ projectId, rev: state.rev, to: p.id }); }}
                >
                  ✓ {p.label}
                </button>
              ) : (
                <span aria-current={i === current ? "step" : undefined} className={cn("rounded-full border px-2.5 py-1", i === current ? "border-brand-500 bg-brand-50 font-medium text-brand-700" : "border-slate-200 text-slate-400")}>
                  {p.label}
                </span>
              )}
              {i < PHASES.length - 1 && <span aria-hidden className="text-slate-300">›</span>}
            </li>
          ))}
        </ol>
        <Button variant="secondary" disabled={current === PHASES.length - 1} busy={next.isPending} onClick={() => { reset(); next.mutate({ projectId, rev: state.rev }); }}>
          Next phase
        </Button>
      </div>
      {!state.auto && <p className="text-xs text-slate-500">You went back, so the project waits here until you press “Next phase”.</p>}
      {error && <p role="alert" className="text-xs text-red-600">{error.message}</p>}
    </div>
  );
}
