/**
 * The one error type services throw. Routers map `code` to a TRPCError code in one
 * middleware (server/api/trpc.ts); workers and the CLI print `message`, which is always
 * safe to show to the caller.
 */
export type DomainErrorCode = "not_found" | "conflict" | "invalid" | "forbidden" | "unauthorized" | "unavailable" | "rate_limited" | "too_large";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Machine-readable detail (e.g. the fields that are missing), passed to the client. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (what: string, id: string) => new DomainError("not_found", `${what} '${id}' was not found`);
