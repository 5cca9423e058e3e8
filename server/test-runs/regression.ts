/**
 * The regression gate: a version whose suite score (0–100) is more than `margin` points below
 * the previous scored version's is regressed. Pure, so the comparison view, the versions list
 * and the QA record all apply the same rule.
 */

export type Gate = { regressed: boolean; baselineVersion: number | null; drop: number | null; margin: number };
type Scored = { version: number; score: number | null; status: string };

export function applyGate<T extends Scored>(rows: T[], margin: number): Array<T & { gate: Gate }> {
  const sorted = [...rows].sort((a, b) => a.version - b.version);
  let baseline: Scored | null = null;
  return sorted.map((row) => {
    const complete = row.status === "done" && row.score !== null;
    const drop = complete && baseline ? baseline.score! - row.score! : null;
    const gate: Gate = { regressed: drop !== null && drop > margin, baselineVersion: complete && baseline ? baseline.version : null, drop, margin };
    if (complete) baseline = row;
    return { ...row, gate };
  });
}
