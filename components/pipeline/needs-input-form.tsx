"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { fieldError } from "../ui/errors";
import type { ModificationView } from "./stages";

/**
 * The settings a planned change is waiting for, asked by their human names. Answering
 * resumes the same modification from planning; a blank field is left open ("not yet").
 */
export function NeedsInputForm({ projectId, modification, onAnswered }: { projectId: string; modification: ModificationView; onAnswered: () => void }) {
  const trpc = useTRPC();
  const answer = useMutation(trpc.modification.answer.mutationOptions({ onSuccess: onAnswered }));
  const needs = modification.plan?.needsInput ?? [];
  const [values, setValues] = useState<Record<string, string>>({});
  const given = Object.fromEntries(needs.map((n) => [`${n.toolId}.${n.param}`, values[n.path]?.trim() ?? ""]).filter(([, v]) => v));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    await answer.mutateAsync({ projectId, modificationId: modification.modificationId, answers: given }).catch(() => undefined);
  }

  return (
    <form onSubmit={onSubmit} aria-label="Needs input" className="mt-3 flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3">
      <p className="text-sm font-medium text-amber-900">The PM needs {needs.length > 1 ? "these settings" : "this setting"} before the change can go on:</p>
      {needs.map((n) => (
        <label key={n.path} className="text-sm text-slate-700">
          <span className="block">{n.label}</span>
          <input
            className="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
            value={values[n.path] ?? ""}
            onChange={(e) => setValues((v) => ({ ...v, [n.path]: e.target.value }))}
            maxLength={2000}
            placeholder="leave empty for not yet"
          />
        </label>
      ))}
      {answer.error && <p role="alert" className="text-xs text-red-600">{fieldError(answer.error, "answers") ?? answer.error.message}</p>}
      <Button type="submit" className="self-start" busy={answer.isPending} disabled={Object.keys(given).length === 0}>Answer and continue</Button>
    </form>
  );
}
