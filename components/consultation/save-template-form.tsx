"use client";

import { lazy, Suspense, useState } from "react";
import { Button } from "../ui/button";

// The form opens on "Save as template": its code (fields, the mutation) loads then.
const TemplateForm = lazy(() => import("./template-form").then((m) => ({ default: m.TemplateForm })));
const formLoading = <div className="h-64 animate-pulse rounded-lg border border-slate-200 bg-slate-50" aria-busy="true" aria-label="Loading the form" />;

/** Saves the project's spec draft as one of the user's templates (template-form.tsx). */
export function SaveTemplateForm({ projectId }: { projectId: string }) {
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState(false);

  if (!open) {
    return (
      <div className="flex items-center justify-between text-xs text-slate-500">
        {saved ? <span role="status" className="text-emerald-700">Saved to your templates.</span> : <span>Reuse this spec for other agents.</span>}
        <Button variant="secondary" onClick={() => { setSaved(false); setOpen(true); }}>Save as template</Button>
      </div>
    );
  }
  return (
    <Suspense fallback={formLoading}>
      <TemplateForm projectId={projectId} onSaved={() => { setOpen(false); setSaved(true); }} onCancel={() => setOpen(false)} />
    </Suspense>
  );
}
