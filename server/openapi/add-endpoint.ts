import { DomainError } from "../errors";
import type { ApiTool } from "../spec/api-tools";
import { clipText } from "./clip";
import { apiToolFromEndpoint, type EndpointInput } from "./endpoint";

/**
 * Adds one described endpoint to a spec's apiTools: a new API named after the host, or a
 * further operation of the API already on that base URL; tool names stay unique. Shared by
 * the rule-based change requests and the model's proposals, so both check the same things.
 */

export type AddedEndpoint =
  | { ok: true; apiTools: ApiTool[]; operation: string; note?: string; api: ApiTool }
  | { ok: false; reason: string };

/** `api.example.com` → `example`; unique among the spec's APIs unless it is the same base URL. */
export function apiNameFor(host: string, existing: readonly ApiTool[], baseUrl: string): string {
  const labels = host.toLowerCase().split(".").filter((l) => !["api", "www", "rest"].includes(l));
  const core = (labels.length > 1 ? labels.slice(0, -1) : labels).join("_").replace(/[^a-z0-9_]+/g, "_").replace(/^[^a-z]+/, "");
  const base = clipText(core || "my_api", 40).replace(/_+$/, "") || "my_api";
  let name = base;
  for (let i = 2; existing.some((a) => a.name === name && a.baseUrl !== baseUrl); i++) name = `${base}_${i}`;
  return name;
}

export function addEndpoint(existing: readonly ApiTool[], endpoint: Omit<EndpointInput, "name"> & { name?: string }): AddedEndpoint {
  const origin = /^(https?:\/\/[^/?#]+)/i.exec(endpoint.url)?.[1] ?? endpoint.url;
  const host = URL.canParse(origin) ? new URL(origin).hostname : "";
  let tool: ApiTool;
  try {
    tool = apiToolFromEndpoint({ ...endpoint, name: endpoint.name ?? apiNameFor(host, existing, origin) });
  } catch (e) {
    if (e instanceof DomainError) return { ok: false, reason: e.message };
    throw e;
  }
  const same = existing.find((a) => a.name === tool.name);
  if (same && same.baseUrl !== tool.baseUrl) return { ok: false, reason: `API '${tool.name}' already exists with the base URL ${same.baseUrl}` };
  const op = tool.operations[0]!;
  const dup = same?.operations.find((o) => o.method === op.method && o.path === op.path);
  if (dup) return { ok: true, apiTools: [...existing], operation: dup.name, api: same!, note: `the agent already calls ${op.method} ${op.path} on ${same!.baseUrl}` };
  const taken = new Set(existing.flatMap((a) => a.operations.map((o) => o.name)));
  let name = op.name;
  for (let i = 2; taken.has(name); i++) name = `${op.name}_${i}`;
  const operation = { ...op, name };
  const api = same ? { ...same, operations: [...same.operations, operation] } : { ...tool, operations: [operation] };
  return { ok: true, apiTools: same ? existing.map((a) => (a === same ? api : a)) : [...existing, api], operation: name, api };
}
