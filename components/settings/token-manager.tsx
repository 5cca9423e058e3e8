"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { fieldError } from "../ui/errors";
import { EmptyState, ErrorMessage, Spinner } from "../ui/feedback";
import { Field } from "../ui/input";

export function TokenManager() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.token.list.queryKey() });
  const tokens = useQuery(trpc.token.list.queryOptions());
  const create = useMutation(trpc.token.create.mutationOptions({ onSuccess: invalidate }));
  const [name, setName] = useState("");
  const [created, setCreated] = useState<string | null>(null);
  /** The token whose revocation waits for the user's confirmation. */
  const [confirming, setConfirming] = useState<string | null>(null);
  const revoke = useMutation(
    trpc.token.revoke.mutationOptions({
      onSuccess: () => {
        // A secret on screen is never left behind a revocation.
        setCreated(null);
        setConfirming(null);
        void invalidate();
      },
    }),
  );

  async function onCreate(e: FormEvent) {
    e.preventDefault();
    const result = await create.mutateAsync({ name }).catch(() => null);
    if (result) {
      setCreated(result.token);
      setName("");
    }
  }

  return (
    <div className="flex flex-col gap-4">
      <Card>
        <form onSubmit={onCreate} className="flex items-end gap-3">
          <Field className="flex-1" label="Token name" placeholder="e.g. CI pipeline" value={name} onChange={(e) => setName(e.target.value)} error={fieldError(create.error, "name")} />
          <Button type="submit" busy={create.isPending}>Create token</Button>
        </form>
        {created && (
          <div className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" role="status">
            <p className="font-medium text-amber-900">Copy this token now — it will not be shown again.</p>
            <code data-testid="new-token" className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-xs">{created}</code>
            <Button variant="secondary" className="mt-2" onClick={() => navigator.clipboard?.writeText(created)}>Copy</Button>
          </div>
        )}
      </Card>
      {tokens.isPending ? (
        <Spinner label="Loading tokens" />
      ) : tokens.isError ? (
        <ErrorMessage error={tokens.error} retry={() => tokens.refetch()} />
      ) : tokens.data.length === 0 ? (
        <EmptyState title="No API tokens">Create one to use the typed client or the CLI against this server.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" aria-label="API tokens">
          {tokens.data.map((t) => (
            <li key={t.id} className="flex items-center gap-4 px-5 py-3 text-sm">
              <div className="flex-1">
                <p className="font-medium">{t.name}</p>
                <p className="text-xs text-slate-500">
                  <code>{t.prefix}…</code> · created {new Date(t.createdAt).toLocaleDateString()}
                  {t.lastUsedAt ? ` · last used ${new Date(t.lastUsedAt).toLocaleString()}` : " · never used"}
                </p>
              </div>
              {t.revokedAt ? (
                <span className="text-xs font-medium text-slate-400">Revoked</span>
              ) : confirming === t.id ? (
                <div className="flex items-center gap-2" role="alertdialog" aria-label={`Revoke ${t.name}?`}>
                  <span className="text-xs text-slate-600">Revoke “{t.name}”? Clients using it stop working.</span>
                  <Button variant="ghost" className="text-red-600" busy={revoke.isPending && revoke.variables?.id === t.id} onClick={() => revoke.mutate({ id: t.id })}>
                    Yes, revoke
                  </Button>
                  <Button variant="secondary" onClick={() => setConfirming(null)}>Cancel</Button>
                </div>
              ) : (
                <Button variant="ghost" className="text-red-600" onClick={() => setConfirming(t.id)}>Revoke</Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
