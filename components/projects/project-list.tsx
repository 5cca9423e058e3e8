"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AppLink } from "../ui/app-link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { TemplateGallery } from "../templates/template-gallery";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { fieldError } from "../ui/errors";
import { EmptyState, ErrorMessage, Spinner } from "../ui/feedback";
import { Field } from "../ui/input";
import { ProjectRow } from "./project-row";

export function ProjectList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const projects = useQuery(trpc.project.list.queryOptions());
  const create = useMutation(
    trpc.project.create.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.project.list.queryKey() }) }),
  );
  const [name, setName] = useState("");

  async function onCreate(e: FormEvent) {
    e.preventDefault();
    // A new project opens at once: describing the agent is the next step.
    const project = await create.mutateAsync({ name }).catch(() => null);
    if (project) router.push(`/projects/${project.id}?tab=consultation`);
  }

  return (
    <div className="flex flex-col gap-6">
      <div className="flex items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">Your projects</h1>
          <p className="text-sm text-slate-500">Each project is one agent: its spec, code, versions, cost and test runs.</p>
        </div>
        <TemplateGallery />
      </div>
      <Card>
        <form onSubmit={onCreate} className="flex items-end gap-3">
          <Field className="flex-1" label="New project" placeholder="e.g. Customer support agent" value={name} onChange={(e) => setName(e.target.value)} error={fieldError(create.error, "name") ?? (create.error && !fieldError(create.error, "name") ? create.error.message : null)} />
          <Button type="submit" busy={create.isPending}>Create project</Button>
        </form>
      </Card>
      {projects.isPending ? (
        <Spinner label="Loading projects" />
      ) : projects.isError ? (
        <ErrorMessage error={projects.error} retry={() => projects.refetch()} />
      ) : projects.data.length === 0 ? (
        <EmptyState title="No projects yet">Create one above to describe your first agent.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" aria-label="Projects">
          {projects.data.map((p) => (
            <ProjectRow key={p.id} project={p} />
          ))}
        </ul>
      )}
      <p className="sr-only"><AppLink href="/settings">API tokens</AppLink></p>
    </div>
  );
}
