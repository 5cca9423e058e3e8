import type { Db } from "../db/client";
import { getLimiters } from "./limiters";
import { isRateLimiterRes, rateLimited } from "./rate-limited";
import type { DomainError } from "../errors";

const BASE_LOCKOUT_S = 30;
const MAX_LOCKOUT_S = 3600;
const accountKey = (email: string) => email.trim().toLowerCase();

/**
 * Brute-force protection for password sign-in (rate-limiter-flexible's login pattern):
 * failed attempts are counted per account and per client IP. Past the account's budget the
 * account is locked for 30 s, doubling with each lockout that day (capped at an hour).
 * A success clears the account's failures.
 */
export async function signInBlocked(db: Db, email: string, ip: string): Promise<DomainError | null> {
  const l = getLimiters(db);
  const [account, perIp] = await Promise.all([l.signInFailuresPerAccount.get(accountKey(email)), l.signInFailuresPerIp.get(ip)]);
  if (account && account.consumedPoints >= l.signInFailuresPerAccount.points) return rateLimited("Too many failed sign-ins for this account", account.msBeforeNext);
  if (perIp && perIp.consumedPoints >= l.signInFailuresPerIp.points) return rateLimited("Too many failed sign-ins from this address", perIp.msBeforeNext);
  return null;
}

export async function recordSignInFailure(db: Db, email: string, ip: string): Promise<void> {
  const l = getLimiters(db);
  const key = accountKey(email);
  await l.signInFailuresPerIp.penalty(ip);
  const res = await l.signInFailuresPerAccount.consume(key).catch((e: unknown) => {
    if (isRateLimiterRes(e)) return e;
    throw e;
  });
  if (res.consumedPoints < l.signInFailuresPerAccount.points) return;
  // Over budget: lock the account, longer for each lockout in the last day.
  const strikes = await l.signInLockouts.penalty(key);
  const seconds = Math.min(MAX_LOCKOUT_S, BASE_LOCKOUT_S * 2 ** (strikes.consumedPoints - 1));
  await l.signInFailuresPerAccount.block(key, seconds);
}

export async function recordSignInSuccess(db: Db, email: string): Promise<void> {
  await getLimiters(db).signInFailuresPerAccount.delete(accountKey(email));
}
