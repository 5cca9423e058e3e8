"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { errorDetails, fieldError } from "../ui/errors";
import { Field } from "../ui/input";
import type { TemplateSummary } from "./types";

const detailsField = (error: unknown) => errorDetails(error)?.field ?? null;

/** Names the new project and fills the template's `{{ variables }}`, then opens the project. */
export function UseTemplateForm({ template, onCancel }: { template: TemplateSummary; onCancel: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const detail = useQuery({ ...trpc.template.get.queryOptions({ templateId: template.id }), enabled: template.source === "mine" });
  const [name, setName] = useState(template.name);
  const [values, setValues] = useState<Record<string, string>>({});
  const use = useMutation(
    trpc.template.use.mutationOptions({
      onSuccess: (r) => {
        void queryClient.invalidateQueries({ queryKey: trpc.project.list.queryKey() });
        router.push(`/projects/${r.projectId}?tab=consultation`);
      },
    }),
  );
  const variables = detail.data?.variables ?? [];
  const badField = detailsField(use.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    use.mutate({ templateId: template.id, projectName: name, variables: values });
  }

  return (
    <form onSubmit={submit} className="mt-3 flex flex-col gap-3 border-t border-slate-200 pt-3" aria-label={`Use ${template.name}`}>
      <Field label="Project name" value={name} onChange={(e) => setName(e.target.value)} error={fieldError(use.error, "projectName")} autoFocus />
      {variables.map((v) => (
        <Field
          key={v}
          label={`Value for {{ ${v} }}`}
          value={values[v] ?? ""}
          onChange={(e) => setValues((all) => ({ ...all, [v]: e.target.value }))}
          error={badField === `variables.${v}` ? use.error?.message.replace(/^[\w.]+: /, "") : null}
        />
      ))}
      {use.error && !fieldError(use.error, "projectName") && !badField?.startsWith("variables.") && <p role="alert" className="text-xs text-red-600">{use.error.message}</p>}
      <div className="flex gap-2">
        <Button type="submit" busy={use.isPending || use.isSuccess}>Create project</Button>
        <Button type="button" variant="ghost" onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
