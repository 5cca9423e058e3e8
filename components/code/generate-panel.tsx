"use client";

import { Play } from "lucide-react";
import { AppLink } from "../ui/app-link";
import { PipelineView } from "../pipeline/pipeline-view";
import { isFinished } from "../pipeline/stages";
import { useClock } from "../pipeline/use-clock";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ErrorMessage } from "../ui/feedback";
import { fieldLabel, type SpecIssue } from "./spec-issues";
import type { GenerateState } from "./use-generate";

export function GenerateButton({ gen, label = "Generate" }: { gen: GenerateState; label?: string }) {
  return (
    <Button onClick={gen.generate} busy={gen.pending} title="Generate a new version from the project's spec">
      {!gen.pending && <Play className="size-4" aria-hidden />} {label}
    </Button>
  );
}

/** The running generation (PM → Dev → QA → Ops), or why generating was refused. */
export function GenerationStatus({ gen }: { gen: GenerateState }) {
  const running = !!gen.active && !isFinished(gen.active);
  const now = useClock(running);

  if (gen.issues) return <SpecIssuesCard issues={gen.issues} />;
  return (
    <>
      {gen.error != null && <ErrorMessage error={gen.error} retry={gen.generate} />}
      {gen.active && (running || gen.active.status === "failed") && (
        <Card className="flex flex-col gap-2" aria-label="Generation progress" data-testid="generation-progress">
          <p className="text-sm font-medium text-slate-800">{running ? "Generating" : "Generation failed"}: “{gen.active.request}”</p>
          <PipelineView modification={gen.active} now={now} />
        </Card>
      )}
    </>
  );
}

/** The draft is not complete: which fields are missing or invalid, and where to fill them. */
function SpecIssuesCard({ issues }: { issues: SpecIssue[] }) {
  const missing = issues.filter((i) => i.kind === "missing");
  const invalid = issues.filter((i) => i.kind === "invalid");
  return (
    <Card className="border-amber-300 bg-amber-50" role="alert" data-testid="spec-issues">
      <p className="font-medium text-amber-900">The spec is not complete yet, so nothing was generated.</p>
      {missing.length > 0 && (
        <p className="mt-2 text-sm text-amber-900">
          Missing: {missing.map((i) => <span key={i.path} className="mr-1.5 inline-block rounded bg-white px-1.5 py-0.5 text-xs font-medium ring-1 ring-amber-300" data-field={i.path}>{i.label ?? fieldLabel(i.path)}</span>)}
        </p>
      )}
      {invalid.length > 0 && (
        <ul className="mt-2 list-disc pl-5 text-sm text-amber-900">
          {invalid.map((i) => <li key={i.path} data-field={i.path}><span className="font-medium">{i.label ?? fieldLabel(i.path)}</span> {i.message}</li>)}
        </ul>
      )}
      <p className="mt-3 text-sm">
        <AppLink href="?tab=consultation" className="font-medium text-brand-700 underline">Fill them in the Consultation tab</AppLink>
        <span className="text-amber-900">, or pick a model and tools in their tabs, then generate again.</span>
      </p>
    </Card>
  );
}
