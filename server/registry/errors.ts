import { DomainError } from "../errors";

/**
 * A registry data file failed validation. This is a start-up failure of our own data, not
 * a caller's mistake, so it is a plain Error (surfacing as INTERNAL), never a DomainError.
 * The message names the file, the entry (index and id) and the field.
 */
export class RegistryFileError extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly RegistryIssue[],
  ) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : "";
    super(first ? `${file}: ${describeIssue(first)}${more}` : `${file}: invalid`);
    this.name = "RegistryFileError";
  }
}

export type RegistryIssue = {
  /** Index of the entry in its array, or null for file-level problems. */
  index: number | null;
  /** The entry's id when it has a readable one. */
  id: string | null;
  /** Dotted path of the field inside the entry ("pricing.inputPer1M"), or the top-level key. */
  field: string;
  message: string;
};

export function describeIssue(issue: RegistryIssue): string {
  const entry = issue.index === null ? "" : `entry ${issue.index}${issue.id ? ` (id "${issue.id}")` : ""}, `;
  return `${entry}field "${issue.field}": ${issue.message}`;
}

export type ToolConflict =
  | { kind: "tools"; tools: [string, string]; reason: string }
  | { kind: "package"; package: string; constraints: { toolId: string; version: string }[]; reason: string };

/**
 * Selected tools that cannot be combined: two tools that declare a conflict, or package
 * requirements whose version ranges have no version in common. `details.conflicts` lists
 * every conflict found; the message names the first.
 */
export class ToolConflictError extends DomainError {
  constructor(readonly conflicts: readonly ToolConflict[]) {
    super("conflict", conflictMessage(conflicts), { conflicts });
    this.name = "ToolConflictError";
  }
}

function conflictMessage(conflicts: readonly ToolConflict[]): string {
  const first = conflicts[0];
  if (!first) return "Selected tools conflict";
  const more = conflicts.length > 1 ? ` (${conflicts.length - 1} more conflict${conflicts.length > 2 ? "s" : ""})` : "";
  if (first.kind === "tools") return `Tools '${first.tools[0]}' and '${first.tools[1]}' cannot be combined: ${first.reason}${more}`;
  const sources = first.constraints.map((c) => `'${c.toolId}' needs ${first.package}${c.version}`).join(", ");
  return `Package '${first.package}' has no version that satisfies every tool: ${sources}${more}`;
}
