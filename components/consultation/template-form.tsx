"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { fieldError } from "../ui/errors";
import { Field } from "../ui/input";

type Props = { projectId: string; onSaved: () => void; onCancel: () => void };

/**
 * The "Save as template" form: name, category, description. Text such as the system prompt
 * may use `{{ variables }}`, filled in when a project starts from the template. Loaded when
 * opened (save-template-form.tsx), not with the project page.
 */
export function TemplateForm({ projectId, onSaved, onCancel }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: "", category: "", description: "" });
  const save = useMutation(
    trpc.template.createFromProject.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.template.list.queryKey() });
        onSaved();
      },
    }),
  );
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({ projectId, ...form });
  }

  const general = save.error && !fieldError(save.error, "name") && !fieldError(save.error, "category") ? save.error.message : null;
  return (
    <form onSubmit={submit} className="flex flex-col gap-3 rounded-lg border border-slate-200 p-3" aria-label="Save as template">
      <Field label="Template name" value={form.name} onChange={set("name")} error={fieldError(save.error, "name")} autoFocus />
      <Field label="Category" value={form.category} onChange={set("category")} placeholder="e.g. Support" error={fieldError(save.error, "category")} />
      <Field label="Description" value={form.description} onChange={set("description")} hint="Write {{ company }} in the system prompt to ask for a value when the template is used." />
      {general && <p role="alert" className="text-xs text-red-600">{general}</p>}
      <div className="flex gap-2">
        <Button type="submit" busy={save.isPending}>Save template</Button>
        <Button type="button" variant="ghost" onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
