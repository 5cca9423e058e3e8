import { DomainError } from "../errors";

/**
 * A provider failure. Callers branch on it: `transient` failures are retried and
 * trip the circuit breaker; `partialText` is the reply streamed before the failure.
 */
export class LanguageModelError extends DomainError {
  readonly provider: string;
  readonly transient: boolean;
  readonly status?: number;
  partialText?: string;

  constructor(
    message: string,
    opts: { provider: string; transient: boolean; status?: number; cause?: unknown; partialText?: string },
  ) {
    super("unavailable", message, { provider: opts.provider, transient: opts.transient });
    this.name = "LanguageModelError";
    this.provider = opts.provider;
    this.transient = opts.transient;
    this.status = opts.status;
    this.partialText = opts.partialText;
    if (opts.cause !== undefined) (this as { cause?: unknown }).cause = opts.cause;
  }
}

/** Node and undici network failures: the endpoint is not there, so retrying may help. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

export function isNetworkError(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.has(code)) return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return e instanceof TypeError && /fetch failed/i.test(e.message);
}

/** HTTP statuses worth retrying: throttling and server-side trouble. */
export const isTransientStatus = (status: number) => status === 408 || status === 429 || status >= 500;

export function isAbortError(e: unknown): boolean {
  return e instanceof Error && (e.name === "AbortError" || (e as { code?: string }).code === "ABORT_ERR");
}

export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}
