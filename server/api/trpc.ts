import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { ZodError, z } from "zod";
import { authenticate } from "../auth/authenticate";
import { crossOriginMessage, isSameOrigin } from "../auth/same-origin";
import { DomainError, type DomainErrorCode } from "../errors";
import { clientIp } from "../limits/client-ip";
import { chargeProcedure } from "../limits/procedure-limit";
import { log } from "../log";
import { getServices, servicesFor } from "../composition/root";
import type { AppServices } from "../composition/services";
import type { Platform } from "../platform";
import { findUnstorableText } from "./input-hygiene";
import { transformer } from "./transformer";

export type Context = {
  platform: Platform;
  /** Registries, prices, the language model and the test runner, built once per process (server/composition). */
  services: AppServices;
  userId: string | null;
  /** How the caller authenticated; "bad-token" fails every protected procedure. */
  auth: "session" | "token" | "none" | "bad-token";
  /** null for in-process callers (tests, server components), which need no CSRF check. */
  headers: Headers | null;
  /** The client's address for per-IP limits; null for in-process callers. */
  ip: string | null;
};

/** Context from an HTTP request (route handler) or a WebSocket upgrade. */
export async function createContext({ headers }: { headers: Headers }): Promise<Context> {
  const services = await getServices();
  const { platform } = services;
  const ip = clientIp(headers);
  const caller = await authenticate(platform.db, headers, platform.usersClock);
  if (caller === "bad-token") return { platform, services, userId: null, auth: "bad-token", headers, ip };
  return { platform, services, userId: caller?.userId ?? null, auth: caller?.via ?? "none", headers, ip };
}

/** Context for in-process callers (createCaller in tests and server components). */
export function createContextInner(platform: Platform, userId: string | null): Context {
  return { platform, services: servicesFor(platform), userId, auth: userId ? "session" : "none", headers: null, ip: null };
}

const TRPC_CODE: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  not_found: "NOT_FOUND",
  conflict: "CONFLICT",
  invalid: "BAD_REQUEST",
  forbidden: "FORBIDDEN",
  unauthorized: "UNAUTHORIZED",
  unavailable: "SERVICE_UNAVAILABLE",
  rate_limited: "TOO_MANY_REQUESTS",
  too_large: "PAYLOAD_TOO_LARGE",
};

/**
 * A message is passed to the client only when we wrote it: a DomainError, a zod issue list,
 * or a TRPCError thrown here without a cause. Anything else (a TypeError from a malformed
 * body, a RangeError from a deep one) is internal text and gets a generic message.
 */
function safeMessage(code: TRPC_ERROR_CODE_KEY, cause: unknown, message: string): string {
  if (code === "INTERNAL_SERVER_ERROR") return "Internal server error";
  if (cause instanceof ZodError) return cause.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
  if (cause === undefined || cause instanceof DomainError) return message;
  return code === "PARSE_ERROR" || code === "BAD_REQUEST" ? "The request input is malformed" : "Request failed";
}

const t = initTRPC.context<Context>().create({
  transformer,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const { stack: _stack, ...data } = shape.data;
    return {
      ...shape,
      message: safeMessage(error.code, cause, shape.message),
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
  // The error's name only: messages of failed queries carry their SQL parameters (hashes, emails).
  if (result.error.code === "INTERNAL_SERVER_ERROR") log.error("procedure failed", { path, type, error: describeError(cause ?? result.error) });
  return result;
});

/**
 * What a log line may say about an unknown error: its class and code, and those of its causes
 * ("ElectroError (4001) ← TimeoutError"): a wrapper's name alone never said what failed
 * underneath. Never a message or parameters.
 */
export function describeError(e: unknown, depth = 0): string {
  if (!(e instanceof Error)) return typeof e;
  const code = (e as { code?: unknown }).code;
  const self = typeof code === "string" || typeof code === "number" ? `${e.name} (${code})` : e.name;
  return e.cause !== undefined && depth < 3 ? `${self} ← ${describeError(e.cause, depth + 1)}` : self;
}

/**
 * Every text in every input must be storable (no NUL, no lone surrogate): checked here on
 * the raw input, before any schema, so no procedure can forget it. 400 names the field.
 */
const inputHygiene = t.middleware(async ({ getRawInput, next }) => {
  const problem = findUnstorableText(await getRawInput());
  if (problem) throw new TRPCError({ code: "BAD_REQUEST", message: `${problem.path}: ${problem.message}` });
  return next();
});

/**
 * Cookie-authenticated mutations must come from our own origin (CSRF). Bearer-token and
 * anonymous callers are exempt: a browser attaches neither a token nor our identity on its own.
 */
const sameOrigin = t.middleware(({ ctx, type, next }) => {
  if (type === "mutation" && ctx.headers && ctx.auth === "session" && !isSameOrigin(ctx.headers)) {
    throw new TRPCError({ code: "FORBIDDEN", message: crossOriginMessage(ctx.headers) });
  }
  return next();
});

/** Each call is charged to its caller's budget for the procedure's class (server/limits). */
const rateLimit = t.middleware(async ({ ctx, path, next }) => {
  await chargeProcedure(ctx.platform.db, path, { userId: ctx.auth === "bad-token" ? null : ctx.userId, ip: ctx.ip });
  return next();
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(domainErrors).use(inputHygiene).use(sameOrigin).use(rateLimit);

/** Fails closed: no user, or a bad bearer token, is UNAUTHORIZED. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.userId || ctx.auth === "bad-token") throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in or send a valid API token" });
  return next({ ctx: { ...ctx, userId: ctx.userId } });
});

/** Retry-After for a response that carries a rate-limited call (429). */
function retryAfterHeaders(errors: readonly TRPCError[]): Record<string, string> {
  const seconds = errors
    .map((e) => (e.cause instanceof DomainError ? e.cause.details?.retryAfterSeconds : undefined))
    .filter((s): s is number => typeof s === "number");
  return seconds.length > 0 ? { "Retry-After": String(Math.max(...seconds)) } : {};
}

/** The adapters' responseMeta: headers an answer carries beyond tRPC's own (Retry-After for a spent budget). */
export const responseMeta = ({ errors }: { errors: readonly TRPCError[] }) => ({ headers: retryAfterHeaders(errors) });
