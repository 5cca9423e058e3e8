import type { IncomingMessage } from "node:http";

/** A Node request's headers as a fetch `Headers` (repeated headers appended), for code written against the fetch API. */
export function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  return headers;
}
