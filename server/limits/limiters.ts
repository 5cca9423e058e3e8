import { RateLimiterDrizzle, RateLimiterMemory } from "rate-limiter-flexible";
import type { Db } from "../db/client";
import { rateLimits } from "../db/schema";
import { env } from "../env";

const MINUTE = 60;
const HOUR = 3600;

/**
 * Every limiter of the platform. The ones that guard against abuse keep their buckets in
 * Postgres (rate-limiter-flexible's Drizzle store: PGlite locally, Neon in aws mode), so a
 * limit holds across every instance. Reads use memory: a per-instance budget is enough to
 * stop a flood, and a read must not cost a write.
 */
export type Limiters = ReturnType<typeof buildLimiters>;

function buildLimiters(db: Db) {
  const e = env();
  const store = (keyPrefix: string, points: number, duration: number) =>
    new RateLimiterDrizzle({ storeClient: db, schema: rateLimits, keyPrefix, points, duration, inMemoryBlockOnConsumed: points + 1, inMemoryBlockDuration: 1 });
  return {
    expensive: store("expensive", e.EXPENSIVE_CALLS_PER_USER_MIN, MINUTE),
    write: store("write", e.WRITE_CALLS_PER_USER_MIN, MINUTE),
    read: new RateLimiterMemory({ keyPrefix: "read", points: e.READ_CALLS_PER_USER_MIN, duration: MINUTE }),
    anonymous: store("anon", e.ANONYMOUS_CALLS_PER_IP_MIN, MINUTE),
    signUpPerIp: store("signup-ip", e.SIGNUPS_PER_IP_HOUR, HOUR),
    signInFailuresPerAccount: store("signin-acct", e.SIGNIN_FAILURES_PER_ACCOUNT, 15 * MINUTE),
    /** How often an account was locked out in the last day: the back-off doubles with each. */
    signInLockouts: store("signin-strikes", 1_000, 24 * HOUR),
    signInFailuresPerIp: store("signin-ip", e.SIGNIN_FAILURES_PER_IP_HOUR, HOUR),
  };
}

const byDb = new WeakMap<Db, Limiters>();
/** One set per database handle (tests open several platforms in one process). */
export function getLimiters(db: Db): Limiters {
  let limiters = byDb.get(db);
  if (!limiters) byDb.set(db, (limiters = buildLimiters(db)));
  return limiters;
}
