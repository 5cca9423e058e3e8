"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { targetLabel } from "../projects/deployment-targets";
import type { TemplateSummary } from "./types";
import { UseTemplateForm } from "./use-template-form";

type Props = { template: TemplateSummary; open: boolean; onOpen: () => void; onClose: () => void };

/** One starting point: what it is, its model, target and tools, and "Use". */
export function TemplateCard({ template, open, onOpen, onClose }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(trpc.template.delete.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.template.list.queryKey() }) }));
  const facts = [template.target && targetLabel(template.target), template.language === "typescript" ? "TypeScript" : template.language && "Python", template.toolIds.length ? `${template.toolIds.length} tool${template.toolIds.length > 1 ? "s" : ""}` : "no tools"].filter(Boolean);
  return (
    <li className="flex flex-col rounded-lg border border-slate-200 bg-white p-4" data-testid="template-card">
      <div className="flex items-start justify-between gap-2">
        <h4 className="font-medium text-slate-900">{template.name}</h4>
        {template.source === "mine" && <span className="rounded bg-brand-50 px-1.5 py-0.5 text-[10px] font-medium text-brand-700">Yours</span>}
      </div>
      <p className="mt-1 flex-1 text-sm text-slate-600">{template.description || "No description."}</p>
      <p className="mt-2 text-xs text-slate-500">{facts.join(" · ")}{template.modelId ? ` · ${template.modelId}` : ""}</p>
      {open ? (
        <UseTemplateForm template={template} onCancel={onClose} />
      ) : (
        <div className="mt-3 flex gap-2">
          <Button onClick={onOpen} aria-label={`Use ${template.name}`}>Use</Button>
          {template.source === "mine" && (
            <Button variant="ghost" className="text-red-600" busy={remove.isPending} onClick={() => { if (confirm(`Delete the template “${template.name}”?`)) remove.mutate({ templateId: template.id }); }}>
              Delete
            </Button>
          )}
        </div>
      )}
      {remove.error && <p role="alert" className="mt-1 text-xs text-red-600">{remove.error.message}</p>}
    </li>
  );
}
