"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ErrorMessage } from "../ui/feedback";
import { Field } from "../ui/input";
import { PermissionList } from "./permission-list";

/**
 * Connect an AWS account: the bootstrap template with its ExternalId, then the deploy role ARN
 * (or, locally, this machine's credentials). `onConnected` lets the tab clear what the missing
 * connection caused (a refused "Create change set" stays on screen otherwise).
 */
export function AccountPanel({ region, onConnected }: { region: string; onConnected?: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const connection = useQuery(trpc.deploy.connection.queryOptions());
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.deploy.connection.queryKey() });
  const start = useMutation(trpc.deploy.connectStart.mutationOptions());
  const connect = useMutation(trpc.deploy.connect.mutationOptions({ onSuccess: () => (refresh(), onConnected?.()) }));
  const [roleArn, setRoleArn] = useState("");
  const c = connection.data;

  const download = (name: string, body: string) => {
    const url = URL.createObjectURL(new Blob([body], { type: "application/yaml" }));
    const a = Object.assign(document.createElement("a"), { href: url, download: name });
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <Card data-testid="deploy-account">
      <h3 className="font-semibold">AWS account</h3>
      {c?.verifiedAt ? (
        <p className="mt-1 text-sm text-slate-700" data-testid="deploy-connected">
          Connected {c.mode === "role" ? <>with role <code>{c.roleArn}</code></> : "with this machine's credentials"} in <code>{c.region}</code>.
        </p>
      ) : (
        <p className="mt-1 text-sm text-slate-600">No account connected. Plan works without one; deploying needs a role in your account (no long-lived keys are stored).</p>
      )}
      <div className="mt-3 flex flex-wrap gap-2">
        <Button variant="secondary" busy={start.isPending} onClick={() => start.mutate({ region })}>Get bootstrap template ({region})</Button>
        <Button variant="secondary" busy={connect.isPending} onClick={() => connect.mutate({ mode: "default-chain", region })}>Use this machine's credentials (local)</Button>
      </div>
      {start.data && (
        <div className="mt-3 space-y-2 text-sm" data-testid="deploy-bootstrap">
          <p>ExternalId: <code data-testid="deploy-external-id">{start.data.externalId}</code></p>
          <Button variant="ghost" onClick={() => download(start.data.template.filename, start.data.template.body)}>Download {start.data.template.filename}</Button>
          <p>
            <a href={start.data.quickCreate.url} target="_blank" rel="noreferrer" className="font-medium text-brand-600 hover:text-brand-700" data-testid="deploy-quick-create">
              Quick-create the stack in the AWS console
            </a>{" "}
            <span className="text-xs text-slate-500">
              {start.data.quickCreate.local
                ? "(the template is in this machine's blob stand-in, which the AWS console cannot read: download it or use the command below)"
                : `(template link valid for ${Math.round(start.data.quickCreate.expiresInSeconds / 60)} minutes)`}
            </span>
          </p>
          <pre className="overflow-x-auto rounded bg-slate-900 p-2 text-xs text-slate-100">{start.data.createCommand}</pre>
          <form className="flex items-end gap-2" onSubmit={(e) => (e.preventDefault(), connect.mutate({ mode: "role", roleArn }))}>
            <Field label="DeployRoleArn (bootstrap stack output)" value={roleArn} onChange={(e) => setRoleArn(e.target.value)} placeholder={start.data.expectedRoleArn} className="grow" />
            <Button type="submit" busy={connect.isPending}>Verify and connect</Button>
          </form>
        </div>
      )}
      {connect.data && <PermissionList check={connect.data.permissions} />}
      {(connect.error || start.error) && <div className="mt-2"><ErrorMessage error={connect.error ?? start.error} /></div>}
    </Card>
  );
}
