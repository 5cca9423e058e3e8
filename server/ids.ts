import { monotonicFactory } from "ulid";

// Monotonic: ids made in the same millisecond still sort in creation order (sort keys rely on it).
const ulid = monotonicFactory();

/** Prefixed ULIDs (`prj_01H…`): sortable by creation time and self-describing in logs. */
const PREFIXES = {
  user: "usr",
  project: "prj",
  token: "tok",
  version: "ver",
  modification: "mod",
  event: "evt",
  template: "tpl",
  run: "run",
  estimate: "est",
  selection: "sel",
  message: "msg",
  testCase: "tc",
  suiteRun: "sr",
  job: "job",
  deployment: "dep",
  connection: "awc",
  invocation: "inv",
} as const;

export type IdKind = keyof typeof PREFIXES;

export function createId(kind: IdKind): string {
  return `${PREFIXES[kind]}_${ulid().toLowerCase()}`;
}
