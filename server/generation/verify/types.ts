import type { IamStatement } from "../../registry/schema";
import type { RehearsalOptions, RehearsalResult } from "../rehearse/types";

export const CHECK_NAMES = [
  "structure",
  "python-syntax",
  "typescript-types",
  "json-syntax",
  "yaml-syntax",
  "cloudformation",
  "terraform",
  "agentcore-config",
  "dockerfile",
  "secrets",
  "ci-workflow",
  "lockfile",
  "rehearsal",
] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

/** One problem found in one file; `line` is 1-based when the check can point at one. */
export type Finding = {
  check: CheckName;
  file: string;
  line?: number;
  message: string;
  severity: "error" | "warning";
};

/** A check's outcome: one that had nothing to look at is "not-applicable", never "passed". */
export const CHECK_STATUSES = ["passed", "failed", "not-applicable", "skipped"] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export type VerificationResult = {
  /** True when no finding has severity "error". */
  ok: boolean;
  checks: Finding[];
  /** Every check that ran, how many files it looked at, how long it took and its outcome. */
  ran: Array<{ check: CheckName; files: number; ms: number; status?: CheckStatus }>;
  /** The deploy rehearsal, when it was asked for. */
  rehearsal?: RehearsalResult;
};

export type VerifyOptions = {
  /** Boot the project as its IaC runs it and call it (see rehearse/); off when absent. */
  rehearse?: RehearsalOptions;
  /** The IAM statements the agent's role must carry (from the generator or the registry). */
  requiredIam?: IamStatement[];
  /** "required": a missing python3 is an error; "optional": a warning. Default "required". */
  python?: "required" | "optional";
};

/** The 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
