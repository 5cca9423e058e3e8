"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AppLink } from "../ui/app-link";
import { useState, type FormEvent } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { fieldError } from "../ui/errors";

type Project = { id: string; name: string; description: string; updatedAt: Date };

export function ProjectRow({ project }: { project: Project }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.project.list.queryKey() });
  const rename = useMutation(trpc.project.rename.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(trpc.project.delete.mutationOptions({ onSuccess: invalidate }));
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(project.name);

  async function onRename(e: FormEvent) {
    e.preventDefault();
    await rename.mutateAsync({ id: project.id, name }).then(() => setEditing(false)).catch(() => undefined);
  }

  return (
    <li className="flex items-center gap-4 px-5 py-4" data-testid="project-row">
      {editing ? (
        <form onSubmit={onRename} className="flex flex-1 items-center gap-2">
          <input aria-label="Project name" className="flex-1 rounded-md border border-slate-300 px-3 py-1.5 text-sm" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
          <Button type="submit" busy={rename.isPending}>Save</Button>
          <Button type="button" variant="ghost" onClick={() => { setEditing(false); setName(project.name); }}>Cancel</Button>
          {rename.error && <span role="alert" className="text-xs text-red-600">{fieldError(rename.error, "name") ?? rename.error.message}</span>}
        </form>
      ) : (
        <>
          <div className="min-w-0 flex-1">
            <AppLink href={`/projects/${project.id}`} className="font-medium text-slate-900 hover:text-brand-600">{project.name}</AppLink>
            <p className="text-xs text-slate-500">Updated {new Date(project.updatedAt).toLocaleString()}</p>
          </div>
          <Button variant="ghost" onClick={() => setEditing(true)}>Rename</Button>
          <Button
            variant="ghost"
            className="text-red-600"
            busy={remove.isPending}
            onClick={() => { if (confirm(`Delete “${project.name}”? This cannot be undone.`)) remove.mutate({ id: project.id }); }}
          >
            Delete
          </Button>
        </>
      )}
    </li>
  );
}
