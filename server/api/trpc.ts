import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { authenticate } from "../auth/authenticate";
import { isSameOrigin } from "../auth/same-origin";
import { DomainError, type DomainErrorCode } from "../errors";
import { log } from "../log";
import { getPlatform, type Platform } from "../platform";

export type Context = {
  platform: Platform;
  userId: string | null;
  /** How the caller authenticated; "bad-token" fails every protected procedure. */
  auth: "session" | "token" | "none" | "bad-token";
  /** null for in-process callers (tests, server components), which need no CSRF check. */
  headers: Headers | null;
};

/** Context from an HTTP request (route handler) or a WebSocket upgrade. */
export async function createContext({ headers }: { headers: Headers }): Promise<Context> {
  const platform = await getPlatform();
  const caller = await authenticate(platform.db, headers);
  if (caller === "bad-token") return { platform, userId: null, auth: "bad-token", headers };
  return { platform, userId: caller?.userId ?? null, auth: caller?.via ?? "none", headers };
}

/** Context for in-process callers (createCaller in tests and server components). */
export function createContextInner(platform: Platform, userId: string | null): Context {
  return { platform, userId, auth: userId ? "session" : "none", headers: null };
}

const TRPC_CODE: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  not_found: "NOT_FOUND",
  conflict: "CONFLICT",
  invalid: "BAD_REQUEST",
  forbidden: "FORBIDDEN",
  unauthorized: "UNAUTHORIZED",
  unavailable: "SERVICE_UNAVAILABLE",
};

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const { stack: _stack, ...data } = shape.data;
    return {
      ...shape,
      message:
        error.code === "INTERNAL_SERVER_ERROR"
          ? "Internal server error"
          : cause instanceof ZodError
            ? cause.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ")
            : shape.message,
      data: {
        ...data,
        zodError: cause instanceof ZodError ? z.flattenError(cause) : null,
        details: cause instanceof DomainError ? (cause.details ?? null) : null,
      },
    };
  },
});

/** DomainError → TRPCError, in one place. In tRPC v11 next() returns errors instead of throwing. */
const domainErrors = t.middleware(async ({ next, path, type }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof DomainError) {
    throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
  }
  if (result.error.code === "INTERNAL_SERVER_ERROR") log.error("procedure failed", { path, type, error: String(cause ?? result.error) });
  return result;
});

/**
 * Cookie-authenticated mutations must come from our own origin (CSRF). Bearer-token and
 * anonymous callers are exempt: a browser attaches neither a token nor our identity on its own.
 */
const sameOrigin = t.middleware(({ ctx, type, next }) => {
  if (type === "mutation" && ctx.headers && ctx.auth === "session" && !isSameOrigin(ctx.headers)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Cross-origin request refused" });
  }
  return next();
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(domainErrors).use(sameOrigin);

/** Fails closed: no user, or a bad bearer token, is UNAUTHORIZED. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.userId || ctx.auth === "bad-token") throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in or send a valid API token" });
  return next({ ctx: { ...ctx, userId: ctx.userId } });
});
