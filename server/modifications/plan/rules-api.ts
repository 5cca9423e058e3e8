import { addEndpoint } from "../../openapi/add-endpoint";
import { clipText } from "../../openapi/clip";
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

export const apiEndpointRule: Rule = ({ spec, original, verb }) => {
  const url = URL_IN_TEXT.exec(original)?.[0]?.replace(/[.,;:!?)]+$/, "");
  if (!url || !API_WORDS.test(original) || verb === "remove") return undefined;
  const existing = spec.apiTools ?? [];
  const added = addEndpoint(existing, { method: methodOf(original), url, description: clipText(original.trim(), 1_000), auth: authOf(original) });
  if (!added.ok) return { edits: [], notes: [`the endpoint ${clipText(url, 200)} cannot become a tool: ${added.reason}`] };
  // An unchanged edit (dropped from the plan) still marks the clause as handled, so no HTTP tool is added for it.
  if (added.note) return { edits: [{ path: "apiTools", to: existing, why: "" }], notes: [added.note] };
  const op = added.api.operations.find((o) => o.name === added.operation)!;
  const auth = added.api.auth;
  const secret = auth.kind === "none" ? "" : ` (its ${auth.kind} credential goes in the agent's secret as ${auth.secretName})`;
  return { edits: [{ path: "apiTools", to: added.apiTools, why: `adds the tool ${op.name} calling ${op.method} ${clipText(added.api.baseUrl + op.path, 200)}${secret}` }] };
};
