/**
 * The deploy rehearsal: a generated project booted the way its IaC runs it, against the
 * built-in mock model, and called like a client would. Every check carries its timing.
 */

export type RehearsalCheckName =
  | "install"
  | "build"
  | "boot"
  | "health-check"
  | "invoke"
  | "stream"
  | "usage-per-request"
  | "concurrent-sessions"
  | "busy-session"
  | "bad-request"
  | "api-tool"
  | "gateway-tool"
  | "gateway-auth"
  | "guardrail"
  | "approval-approve"
  | "approval-deny"
  | "memory-per-caller"
  | "conversation-memory";

export type RehearsalCheck = { name: RehearsalCheckName; ok: boolean; ms: number; detail: string };

export type RehearsalStatus = "passed" | "failed" | "skipped" | "not-applicable";

export type RehearsalResult = {
  status: RehearsalStatus;
  /** Why it was skipped or not applicable, or the first failure. */
  reason: string | null;
  /** How it was booted: the command, runtime and where the settings came from. */
  how: string | null;
  checks: RehearsalCheck[];
  ms: number;
};

export type RehearsalOptions = {
  /** Dependency, build and runtime caches (shared with test runs). */
  cacheRoot: string;
  /** Longest a single step (install excepted) may take. */
  stepTimeoutMs?: number;
  /** Run only when the project's dependencies are already cached (cheap); otherwise skip, visibly. */
  onlyWhenCached?: boolean;
};
