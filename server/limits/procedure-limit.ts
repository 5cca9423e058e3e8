import type { Db } from "../db/client";
import { log } from "../log";
import { getLimiters } from "./limiters";
import { PROCEDURE_CLASSES, type RateLimitClass } from "./procedure-classes";
import { consumeOrThrow } from "./rate-limited";

export type LimitCaller = {
  userId: string | null;
  /** null for in-process callers (server components, workers, tests): no client IP. */
  ip: string | null;
};

const MESSAGES: Record<RateLimitClass, string> = {
  read: "Too many requests",
  write: "Too many changes",
  expensive: "Too many generations, runs or messages",
  signUp: "Too many sign-ups from this address",
};

export function procedureClass(path: string): RateLimitClass {
  const known = PROCEDURE_CLASSES[path];
  if (known) return known;
  // Fail closed: an unlisted procedure gets the tightest budget (and the meta-test fails).
  log.warn("procedure has no rate-limit class", { path });
  return "expensive";
}

/** Charges one call of a procedure to its caller's budget; throws rate_limited when spent. */
export async function chargeProcedure(db: Db, path: string, caller: LimitCaller): Promise<void> {
  const limiters = getLimiters(db);
  const cls = procedureClass(path);
  const message = MESSAGES[cls];
  if (cls === "signUp") {
    if (caller.ip) await consumeOrThrow(limiters.signUpPerIp, caller.ip, message);
    return;
  }
  if (caller.userId) {
    const limiter = cls === "expensive" ? limiters.expensive : cls === "write" ? limiters.write : limiters.read;
    return consumeOrThrow(limiter, caller.userId, message);
  }
  if (!caller.ip) return;
  await consumeOrThrow(cls === "read" ? limiters.read : limiters.anonymous, `ip:${caller.ip}`, message);
}
