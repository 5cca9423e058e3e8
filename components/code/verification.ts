import type { Finding, Verification } from "./types";

export type FileProblems = { errors: number; warnings: number };
export type VerificationSummary = {
  state: "passed" | "failed" | "not-run";
  errors: number;
  warnings: number;
  /** Findings grouped by file, files in path order, findings by line (line-less first). */
  byFile: { file: string; findings: Finding[] }[];
  ran: Verification["ran"];
};

const byLine = (a: Finding, b: Finding) => (a.line ?? 0) - (b.line ?? 0) || a.check.localeCompare(b.check) || a.message.localeCompare(b.message);

/** What QA's verification found, shaped for the panel beside the files. */
export function summarizeVerification(v: Verification | null | undefined): VerificationSummary {
  if (!v) return { state: "not-run", errors: 0, warnings: 0, byFile: [], ran: [] };
  const groups = new Map<string, Finding[]>();
  for (const f of v.checks) groups.set(f.file, [...(groups.get(f.file) ?? []), f]);
  const byFile = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([file, findings]) => ({ file, findings: [...findings].sort(byLine) }));
  const errors = v.checks.filter((f) => f.severity === "error").length;
  return { state: v.ok ? "passed" : "failed", errors, warnings: v.checks.length - errors, byFile, ran: v.ran };
}

/** Error and warning counts per file, for the badges in the file tree. */
export function problemsByFile(v: Verification | null | undefined): Map<string, FileProblems> {
  const out = new Map<string, FileProblems>();
  for (const f of v?.checks ?? []) {
    const p = out.get(f.file) ?? { errors: 0, warnings: 0 };
    if (f.severity === "error") p.errors++;
    else p.warnings++;
    out.set(f.file, p);
  }
  return out;
}

/** Human names for the checks QA runs. */
export const CHECK_LABEL: Record<string, string> = {
  structure: "Project structure",
  "python-syntax": "Python parses",
  "typescript-types": "TypeScript type-checks",
  "json-syntax": "JSON parses",
  "yaml-syntax": "YAML parses",
  cloudformation: "CloudFormation resources and IAM",
  terraform: "Terraform: AWS provider schema, same IAM as CloudFormation",
  "agentcore-config": "agentcore.json: the AgentCore CLI's schema",
  dockerfile: "Dockerfile (non-root, ARM64)",
  secrets: "No secrets in any file",
  "ci-workflow": "CI deploys what it tested",
  lockfile: "package-lock.json for npm ci",
  rehearsal: "Deploy rehearsal",
};

type RanCheck = Verification["ran"][number];
type Mark = { status: NonNullable<RanCheck["status"]>; symbol: string };

/** A check's outcome for display: one that looked at nothing is not applicable, never a pass. */
export function checkMark(r: RanCheck, v: Verification | null | undefined): Mark {
  const failed = v?.checks.some((f) => f.check === r.check && f.severity === "error") ?? false;
  const status = r.status ?? (failed ? "failed" : r.files === 0 && r.check !== "rehearsal" ? "not-applicable" : "passed");
  const symbol = status === "failed" ? "✕" : status === "passed" ? "✓" : "–";
  return { status, symbol };
}
