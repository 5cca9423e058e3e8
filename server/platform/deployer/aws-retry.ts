import { DeployerError } from "./types";

/**
 * One place that turns AWS SDK failures into DeployerErrors and retries throttling. The SDK
 * clients are built with maxAttempts 1 so retries are not multiplied; this retries
 * Throttling/TooManyRequests with exponential backoff and full jitter (AWS Architecture
 * Blog, "Exponential Backoff And Jitter").
 */
const THROTTLED = new Set(["Throttling", "ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded", "SlowDown"]);
const EXPIRED = new Set(["ExpiredToken", "ExpiredTokenException", "RequestExpired", "InvalidClientTokenId"]);

type AwsError = { name?: string; Code?: string; message?: string; $metadata?: { httpStatusCode?: number } };

export function toDeployerError(e: unknown): DeployerError {
  if (e instanceof DeployerError) return e;
  const err = (e ?? {}) as AwsError;
  const name = err.name ?? err.Code ?? "Error";
  const message = err.message ?? String(e);
  if (THROTTLED.has(name)) return new DeployerError("throttled", `AWS is throttling requests (${name}): ${message}`);
  if (EXPIRED.has(name)) return new DeployerError("session-expired", `The role session expired (${name}): ${message}`);
  if (name === "AccessDenied" || name === "AccessDeniedException") return new DeployerError("access-denied", message);
  if (/does not exist/i.test(message)) return new DeployerError("not-found", message);
  if (name === "ValidationError" || name === "InvalidInputException") return new DeployerError("invalid", message);
  return new DeployerError("failed", `${name}: ${message}`);
}

export type RetryOptions = { attempts?: number; baseMs?: number; sleep?: (ms: number) => Promise<void> };

export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 5;
  const base = options.baseMs ?? 200;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      const error = toDeployerError(e);
      if (error.kind !== "throttled" || attempt >= attempts) throw error;
      await sleep(Math.random() * base * 2 ** (attempt - 1));
    }
  }
}
