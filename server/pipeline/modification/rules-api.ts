import { DomainError } from "../../errors";
import { apiToolFromEndpoint } from "../../openapi/endpoint";
import { clipText } from "../../openapi/clip";
import type { ApiTool } from "../../spec/api-tools";
import type { Rule } from "./types";

/**
 * "look up order status from our REST API at https://api.example.com/orders/{id}": an
 * endpoint described in words becomes an apiTools operation (a typed tool calling only that
 * host), instead of the generic HTTP tool with the URL in the prompt. It is built and
 * checked by the same function as an endpoint the user describes in the Tools tab.
 */

const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>]+/i;
const API_WORDS = /\b(api|apis|endpoint|endpoints|rest|service|webhook)\b/i;

function methodOf(text: string): "GET" | "POST" | "PUT" | "PATCH" | "DELETE" {
  if (/\b(create|creates|submit|submits|place|places|post|posts|send|sends|open|opens)\b/i.test(text)) return "POST";
  if (/\b(update|updates|change|changes|modify)\b/i.test(text)) return "PATCH";
  if (/\b(delete|deletes|cancel|cancels)\b/i.test(text)) return "DELETE";
  return "GET";
}

function authOf(text: string): { kind: string; headerName?: string } {
  if (/\bbearer\b|\b(access |auth )?token\b/i.test(text)) return { kind: "bearer" };
  const header = /\b(?:api[- ]?key|key) in (?:the |a )?(?:header )?['"`]?([A-Za-z0-9-]{2,64})['"`]?(?: header)?/i.exec(text);
  if (header) return { kind: "api-key-header", headerName: header[1] };
  if (/\bapi[- ]?key\b/i.test(text)) return { kind: "api-key-header", headerName: "X-API-Key" };
  return { kind: "none" };
}

/** `api.example.com` → `example`; unique among the spec's APIs unless it is the same base URL. */
function apiNameFor(host: string, existing: readonly ApiTool[], baseUrl: string): string {
  const labels = host.toLowerCase().split(".").filter((l) => !["api", "www", "rest"].includes(l));
  const core = (labels.length > 1 ? labels.slice(0, -1) : labels).join("_").replace(/[^a-z0-9_]+/g, "_").replace(/^[^a-z]+/, "");
  const base = clipText(core || "my_api", 40).replace(/_+$/, "") || "my_api";
  let name = base;
  for (let i = 2; existing.some((a) => a.name === name && a.baseUrl !== baseUrl); i++) name = `${base}_${i}`;
  return name;
}

export const apiEndpointRule: Rule = ({ spec, original, verb }) => {
  const url = URL_IN_TEXT.exec(original)?.[0]?.replace(/[.,;:!?)]+$/, "");
  if (!url || !API_WORDS.test(original) || verb === "remove") return undefined;
  const existing = spec.apiTools ?? [];
  const origin = /^(https?:\/\/[^/?#]+)/i.exec(url)?.[1] ?? url;
  const host = URL.canParse(origin) ? new URL(origin).hostname : "";
  const name = apiNameFor(host, existing, origin);
  let tool: ApiTool;
  try {
    tool = apiToolFromEndpoint({ name, method: methodOf(original), url, description: clipText(original.trim(), 1_000), auth: authOf(original) });
  } catch (e) {
    if (e instanceof DomainError) return { edits: [], notes: [`the endpoint ${clipText(url, 200)} cannot become a tool: ${e.message}`] };
    throw e;
  }
  const same = existing.find((a) => a.name === tool.name);
  const op = tool.operations[0]!;
  // An unchanged edit (dropped from the plan) still marks the clause as handled, so no HTTP tool is added for it.
  if (same?.operations.some((o) => o.method === op.method && o.path === op.path)) return { edits: [{ path: "apiTools", to: existing, why: "" }], notes: [`the agent already calls ${op.method} ${op.path} on ${same.baseUrl}`] };
  const taken = new Set(existing.flatMap((a) => a.operations.map((o) => o.name)));
  let opName = op.name;
  for (let i = 2; taken.has(opName); i++) opName = `${op.name}_${i}`;
  const operation = { ...op, name: opName };
  const next = same ? existing.map((a) => (a === same ? { ...a, operations: [...a.operations, operation] } : a)) : [...existing, { ...tool, operations: [operation] }];
  const secret = tool.auth.kind === "none" ? "" : ` (its ${tool.auth.kind} credential goes in the agent's secret as ${tool.auth.secretName})`;
  return { edits: [{ path: "apiTools", to: next, why: `adds the tool ${opName} calling ${op.method} ${clipText(origin + op.path, 200)}${secret}` }] };
};
