"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { fieldLabel } from "./spec-fields";

type Props = {
  projectId: string;
  complete: boolean;
  missing: string[];
  /** Missing paths in the user's words, from the server. */
  labels: Record<string, string>;
  /** Opens a field's editor in the spec panel. */
  onOpen: (path: string) => void;
};

/**
 * "Generate" once the spec is complete: the draft goes through the PM → Dev → QA → Ops
 * pipeline (generation.generate); its progress shows live in the panel at the top. Until
 * then the button is disabled and names the next field, with a link that opens it.
 */
export function GeneratePanel({ projectId, complete, missing, labels, onOpen }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const generate = useMutation(
    trpc.generation.generate.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.modification.list.queryKey({ projectId }) });
        window.scrollTo({ top: 0, behavior: "smooth" });
      },
    }),
  );
  const next = missing[0];
  return (
    <div className="flex flex-col gap-2 border-t border-slate-200 pt-4">
      <div className="flex items-center justify-between gap-3">
        <p className="text-xs text-slate-500" data-testid="generate-hint">
          {complete || !next ? (
            "Ready: generate a verified project from this spec."
          ) : (
            <>
              Generate is enabled once the spec is complete. Set{" "}
              <button type="button" className="font-medium text-brand-700 underline" onClick={() => onOpen(next)} data-testid="open-missing-field">
                {labels[next] ?? fieldLabel(next)}
              </button>{" "}
              first.
            </>
          )}
        </p>
        <Button onClick={() => generate.mutate({ projectId })} disabled={!complete} busy={generate.isPending} data-testid="generate">
          Generate
        </Button>
      </div>
      {generate.isSuccess && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-xs text-emerald-800">
          Generation started: follow PM → Dev → QA → Ops in the panel at the top of the page.
        </p>
      )}
      {generate.error && <p role="alert" className="text-xs text-red-600">{generate.error.message}</p>}
    </div>
  );
}
