import { clipText } from "../../openapi/clip";
import { endpointFromText, endpointUrlIn } from "../../openapi/endpoint-in-text";
import type { Rule } from "./types";

/**
 * An endpoint described in a change request becomes an apiTools operation (see
 * openapi/endpoint-in-text, shared with the offline consultation).
 */
export const apiEndpointRule: Rule = ({ spec, original, verb }) => {
  if (verb === "remove") return undefined;
  const existing = spec.apiTools ?? [];
  const added = endpointFromText(existing, original);
  if (!added) return undefined;
  if (!added.ok) return { edits: [], notes: [`the endpoint ${clipText(endpointUrlIn(original) ?? "", 200)} cannot become a tool: ${added.reason}`] };
  // An unchanged edit (dropped from the plan) still marks the clause as handled, so no HTTP tool is added for it.
  if (added.note) return { edits: [{ path: "apiTools", to: existing, why: "" }], notes: [added.note] };
  const op = added.api.operations.find((o) => o.name === added.operation)!;
  const auth = added.api.auth;
  const secret = auth.kind === "none" ? "" : ` (its ${auth.kind} credential goes in the agent's secret as ${auth.secretName})`;
  return { edits: [{ path: "apiTools", to: added.apiTools, why: `adds the tool ${op.name} calling ${op.method} ${clipText(added.api.baseUrl + op.path, 200)}${secret}` }] };
};
