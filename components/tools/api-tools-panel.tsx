"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ApiPreview } from "~/server/openapi/import";
import type { ApiTool } from "~/server/spec/api-tools";
import type { DeploymentTargetId } from "../projects/deployment-targets";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ErrorMessage, Spinner } from "../ui/feedback";
import { Field } from "../ui/input";

/**
 * "Your APIs" in the Tools tab: the user's own REST APIs as tools. Paste or upload an
 * OpenAPI 3 document, see its operations, tick the ones the agent may call, save. Only the
 * ticked operations are stored (normalized) in the spec; the document is not. On AgentCore
 * the user may serve them through an AgentCore Gateway instead of calling them in the agent.
 */
export function ApiToolsPanel({ projectId, target }: { projectId: string; target: DeploymentTargetId }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.apiTools.list.queryOptions({ projectId }));
  return (
    <Card className="flex flex-col gap-4" data-testid="api-tools">
      <div>
        <h2 className="font-semibold">Your APIs</h2>
        <p className="text-sm text-slate-600">Turn operations of your own REST API into tools. Credentials are read from the agent&apos;s secret; calls go only to the API&apos;s hosts.</p>
      </div>
      {list.isPending ? <Spinner label="Loading your APIs" /> : list.isError ? <ErrorMessage error={list.error} retry={() => list.refetch()} /> : <SavedApis projectId={projectId} apis={list.data} />}
      <AddApiForm projectId={projectId} target={target} />
    </Card>
  );
}

function SavedApis({ projectId, apis }: { projectId: string; apis: ApiTool[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(trpc.apiTools.remove.mutationOptions({ onSuccess: (data) => queryClient.setQueryData(trpc.apiTools.list.queryKey({ projectId }), data) }));
  if (apis.length === 0) return <p className="text-sm text-slate-500">No API added yet.</p>;
  return (
    <ul className="flex flex-col gap-3" aria-label="Saved APIs">
      {apis.map((api) => (
        <li key={api.name} className="rounded-md border border-slate-200 p-3">
          <div className="flex items-center justify-between gap-3">
            <div className="text-sm">
              <strong>{api.name}</strong> <span className="text-slate-500">{api.baseUrl}</span>
              <div className="text-xs text-slate-500">Auth: {api.auth.kind === "none" ? "none" : `${api.auth.kind} (secret ${api.auth.secretName})`}</div>
              <div className="text-xs text-slate-500">Runs: {api.exposure === "gateway" ? "through an AgentCore Gateway" : "in the agent"}</div>
            </div>
            <Button variant="ghost" onClick={() => remove.mutate({ projectId, name: api.name })} busy={remove.isPending}>Remove</Button>
          </div>
          <ul className="mt-2 flex flex-col gap-1 text-sm">
            {api.operations.map((op) => (
              <li key={op.name}><code className="text-xs">{op.method} {op.path}</code> → <code className="text-xs font-semibold">{op.name}</code></li>
            ))}
          </ul>
        </li>
      ))}
      {remove.error && <ErrorMessage error={remove.error} />}
    </ul>
  );
}

type Exposure = ApiTool["exposure"];

/** Where the tools run: in the agent everywhere; through an AgentCore Gateway only on AgentCore, which has one. */
function ExposureChoice({ target, value, onChange }: { target: DeploymentTargetId; value: Exposure; onChange: (e: Exposure) => void }) {
  if (target !== "agentcore") {
    return <p className="text-xs text-slate-500">The tools run in the agent. Serving them through an AgentCore Gateway is possible when the project deploys to AgentCore.</p>;
  }
  const option = (id: Exposure, title: string, text: string) => (
    <label className="flex items-start gap-2 text-sm">
      <input type="radio" name="api-exposure" className="mt-1 size-4 accent-brand-600" checked={value === id} onChange={() => onChange(id)} aria-label={title} />
      <span><span className="font-medium">{title}</span> <span className="text-slate-600">{text}</span></span>
    </label>
  );
  return (
    <fieldset className="flex flex-col gap-2" aria-label="Where the tools run">
      <legend className="mb-1 text-sm font-medium text-slate-700">Where the tools run</legend>
      {option("agent", "In the agent", "The agent calls your API itself, with the key from its secret.")}
      {option(
        "gateway",
        "Through an AgentCore Gateway",
        "The stack creates a gateway that calls your API with the key from the agent's secret; the agent reaches it over MCP, signed with its IAM role, and never holds the key. Needs an API key or bearer token; deploys with CloudFormation.",
      )}
    </fieldset>
  );
}

function AddApiForm({ projectId, target }: { projectId: string; target: DeploymentTargetId }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [document, setDocument] = useState("");
  const [preview, setPreview] = useState<ApiPreview | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [name, setName] = useState("");
  const [baseUrl, setBaseUrl] = useState("");
  const [exposure, setExposure] = useState<Exposure>("agent");
  const show = useMutation(
    trpc.apiTools.preview.mutationOptions({
      onSuccess: (data) => {
        setPreview(data);
        setPicked(new Set());
        setName(data.suggestedName);
        setBaseUrl(data.baseUrl ?? "");
      },
    }),
  );
  const save = useMutation(
    trpc.apiTools.addFromDocument.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(trpc.apiTools.list.queryKey({ projectId }), data);
        setPreview(null);
        setDocument("");
      },
    }),
  );
  const toggle = (key: string) => setPicked((s) => (s.has(key) ? new Set([...s].filter((k) => k !== key)) : new Set([...s, key])));
  const upload = async (file: File | undefined) => file && setDocument(await file.text());

  return (
    <div className="flex flex-col gap-3 border-t border-slate-200 pt-4">
      <h3 className="font-medium">Add your API</h3>
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
        OpenAPI 3 document (JSON or YAML)
        <textarea
          className="h-40 rounded-md border border-slate-300 p-2 font-mono text-xs"
          value={document}
          onChange={(e) => setDocument(e.target.value)}
          placeholder="openapi: 3.0.3 ..."
          aria-label="OpenAPI document"
        />
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <input type="file" accept=".json,.yaml,.yml,application/json,application/yaml" aria-label="Upload OpenAPI document" className="text-sm" onChange={(e) => void upload(e.target.files?.[0])} />
        <Button variant="secondary" onClick={() => show.mutate({ projectId, document })} busy={show.isPending} disabled={!document.trim()}>Show operations</Button>
      </div>
      {show.error && <ErrorMessage error={show.error} />}
      {preview && (
        <div className="flex flex-col gap-3">
          <p className="text-sm text-slate-600">{preview.title || "Untitled API"}: {preview.operations.length} operations. Tick the ones the agent may call.</p>
          <ul className="flex max-h-72 flex-col gap-1 overflow-auto" aria-label="Operations">
            {preview.operations.map((op) => (
              <li key={op.key}>
                <label className="flex items-start gap-2 text-sm">
                  <input type="checkbox" className="mt-1 size-4 accent-brand-600" checked={picked.has(op.key)} onChange={() => toggle(op.key)} aria-label={op.key} />
                  <span><code className="text-xs font-semibold">{op.key}</code> <span className="text-slate-600">{op.description}</span></span>
                </label>
              </li>
            ))}
          </ul>
          {preview.skipped.length > 0 && (
            <details className="text-xs text-slate-500">
              <summary>{preview.skipped.length} operations cannot become tools</summary>
              <ul>{preview.skipped.map((s) => <li key={s.key}>{s.key}: {s.reason}</li>)}</ul>
            </details>
          )}
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label="API name" value={name} onChange={(e) => setName(e.target.value)} hint="lowercase letters, digits and _" />
            <Field label="Base URL" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} hint="calls go only to this host" />
          </div>
          <ExposureChoice target={target} value={exposure} onChange={setExposure} />
          <div className="flex items-center gap-3">
            <Button onClick={() => save.mutate({ projectId, document, name, select: [...picked], baseUrl: baseUrl || undefined, exposure: target === "agentcore" ? exposure : "agent" })} busy={save.isPending} disabled={picked.size === 0}>
              Add {picked.size} operation{picked.size === 1 ? "" : "s"} as tools
            </Button>
            <Button variant="ghost" onClick={() => setPreview(null)}>Cancel</Button>
          </div>
          {save.error && <ErrorMessage error={save.error} />}
        </div>
      )}
    </div>
  );
}
