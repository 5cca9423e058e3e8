import type { ApiTool } from "../spec/api-tools";
import { addEndpoint, type AddedEndpoint } from "./add-endpoint";
import { clipText } from "./clip";

/**
 * "look up order status from our REST API at https://api.example.com/orders/{id}": an
 * endpoint described in words becomes an apiTools operation (a typed tool calling only that
 * host), instead of the generic HTTP tool with the URL in the prompt. One reading for the
 * change requests (modifications/plan/rules-api) and the offline consultation
 * (consultation/rules), checked by the same addEndpoint as the Tools tab.
 */

const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>]+/i;
const API_WORDS = /\b(api|apis|endpoint|endpoints|rest|service|webhook)\b/i;

function methodOf(text: string): "GET" | "POST" | "PUT" | "PATCH" | "DELETE" {
  if (/\b(create|creates|submit|submits|place|places|post|posts|send|sends|open|opens|book|books)\b/i.test(text)) return "POST";
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

/** The URL the text names as an API to call, or null (no URL, or no word saying it is an API). */
export function endpointUrlIn(text: string): string | null {
  const url = URL_IN_TEXT.exec(text)?.[0]?.replace(/[.,;:!?)]+$/, "");
  return url && API_WORDS.test(text) ? url : null;
}

/** The endpoint `text` describes added to `existing`, or null when it describes none. */
export function endpointFromText(existing: readonly ApiTool[], text: string): AddedEndpoint | null {
  const url = endpointUrlIn(text);
  return url ? endpointAt(existing, url, text) : null;
}

/** `url` (already known to be an endpoint) added to `existing`, its method, auth and description read from `text`. */
export function endpointAt(existing: readonly ApiTool[], url: string, text: string): AddedEndpoint {
  return addEndpoint(existing, { method: methodOf(text), url, description: clipText(text.trim(), 1_000), auth: authOf(text) });
}
