"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorMessage, Spinner } from "../ui/feedback";
import { TemplateCard } from "./template-card";
import { byCategory } from "./types";

/** "Start from a template": the gallery of built-in and saved templates, by category, in a dialog. */
export function TemplateGallery() {
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button variant="secondary">Start from a template</Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed inset-x-4 top-8 bottom-8 z-50 mx-auto flex max-w-5xl flex-col rounded-xl bg-slate-50 shadow-xl outline-none" aria-describedby={undefined}>
          <div className="flex items-center justify-between border-b border-slate-200 px-6 py-4">
            <Dialog.Title className="text-lg font-semibold">Start from a template</Dialog.Title>
            <Dialog.Close asChild>
              <Button variant="ghost" aria-label="Close">✕</Button>
            </Dialog.Close>
          </div>
          <div className="flex-1 overflow-y-auto px-6 py-4">{open && <GalleryList />}</div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function GalleryList() {
  const trpc = useTRPC();
  const templates = useQuery(trpc.template.list.queryOptions());
  const [using, setUsing] = useState<string | null>(null);
  if (templates.isPending) return <Spinner label="Loading templates" />;
  if (templates.isError) return <ErrorMessage error={templates.error} retry={() => templates.refetch()} />;
  return (
    <div className="flex flex-col gap-6">
      <p className="text-sm text-slate-600">Each template is a pre-filled spec. The consultation then asks only for what it cannot know (your data sources, traffic, budget).</p>
      {byCategory(templates.data).map(([category, items]) => (
        <section key={category} aria-label={category}>
          <h3 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500">{category}</h3>
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {items.map((t) => (
              <TemplateCard key={t.id} template={t} open={using === t.id} onOpen={() => setUsing(t.id)} onClose={() => setUsing(null)} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
