import type { RateLimiterRes } from "rate-limiter-flexible";
import { DomainError } from "../errors";

/** Seconds a limited caller should wait, at least 1 (the Retry-After header's value). */
export const retryAfterSeconds = (msBeforeNext: number) => Math.max(1, Math.ceil(msBeforeNext / 1000));

/** The one error a limited call ends in: 429 TOO_MANY_REQUESTS with Retry-After (server/api/trpc.ts). */
export function rateLimited(what: string, msBeforeNext: number): DomainError {
  const seconds = retryAfterSeconds(msBeforeNext);
  return new DomainError("rate_limited", `${what}. Try again in ${seconds} s.`, { retryAfterSeconds: seconds });
}

/** rate-limiter-flexible rejects with a RateLimiterRes when out of points, with an Error when its store fails. */
export const isRateLimiterRes = (e: unknown): e is RateLimiterRes =>
  typeof e === "object" && e !== null && "msBeforeNext" in e && "remainingPoints" in e && !(e instanceof Error);

/** Consumes one point or throws the rate_limited DomainError; store failures propagate. */
export async function consumeOrThrow(limiter: { consume(key: string, points?: number): Promise<RateLimiterRes> }, key: string, what: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (e) {
    if (isRateLimiterRes(e)) throw rateLimited(what, e.msBeforeNext);
    throw e;
  }
}
