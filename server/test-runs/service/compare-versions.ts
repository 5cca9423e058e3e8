import { z } from "zod";
import type { Db } from "../../db/client";
import { env } from "../../env";
import type { Platform } from "../../platform/types";
import { getOwnedProject } from "../../projects/service";
import { caseScore } from "../evaluate-case";
import type { Check } from "../evaluation";
import { EVALUATORS, type Evaluator } from "../judge/rubric";
import { applyGate, type Gate } from "../regression";
import { listCaseMetrics, type CaseMetrics } from "../store/runs-repo";
import { suiteHistory } from "../store/suites-repo";

/**
 * Versions side by side, each by its latest suite run: pass rate, suite score, the mean score
 * per judge evaluator, and latency, tokens and cost per case; with the regression gate applied.
 */

const StoredCheck = z.object({ kind: z.string(), passed: z.boolean(), evaluator: z.enum(EVALUATORS).optional(), score: z.number().nullable().optional(), judge: z.string().optional() }).passthrough();

export type EvaluatorStat = { mean: number | null; scored: number; notScored: number };
export type VersionRow = {
  versionId: string;
  version: number;
  suiteRunId: string;
  status: string;
  total: number;
  passed: number;
  passRate: number | null;
  /** Mean case score, 0–100 (see caseScore). */
  score: number | null;
  evaluators: Partial<Record<Evaluator, EvaluatorStat>>;
  /** Who judged: "mock judge" or model labels. */
  judges: string[];
  latencyMsPerCase: number | null;
  tokensInPerCase: number | null;
  tokensOutPerCase: number | null;
  costUsdPerCase: number | null;
  gate: Gate;
};

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const known = <T>(xs: Array<T | null>) => xs.filter((x): x is T => x !== null);

type CaseRow = CaseMetrics;

function summarize(cases: CaseRow[]) {
  const checks = cases.map((c) => (c.checks ?? []).flatMap((x) => { const p = StoredCheck.safeParse(x); return p.success ? [p.data as unknown as Check & z.infer<typeof StoredCheck>] : []; }));
  const judged = checks.flat().filter((c) => c.kind === "judge" && c.evaluator);
  const evaluators: VersionRow["evaluators"] = {};
  for (const e of EVALUATORS) {
    const mine = judged.filter((c) => c.evaluator === e);
    if (mine.length) evaluators[e] = { mean: mean(known(mine.map((c) => c.score ?? null))), scored: mine.filter((c) => typeof c.score === "number").length, notScored: mine.filter((c) => typeof c.score !== "number").length };
  }
  return {
    // A case without checks ended before it was judged (interrupted): it scores 0, as it counts as failed.
    score: mean(checks.map((c) => caseScore(c) ?? 0)),
    evaluators,
    judges: [...new Set(judged.map((c) => c.judge ?? "judge"))].sort(),
    latencyMsPerCase: mean(known(cases.map((c) => c.latency))),
    tokensInPerCase: mean(known(cases.map((c) => c.tokensIn))),
    tokensOutPerCase: mean(known(cases.map((c) => c.tokensOut))),
    costUsdPerCase: mean(known(cases.map((c) => (c.cost === null ? null : Number(c.cost))))),
  };
}

/** Every version with a suite run, oldest first (no ownership check: for the QA gate and the service below). */
export async function compareSuiteVersions(db: Db, projectId: string, margin = env().EVAL_REGRESSION_MARGIN): Promise<VersionRow[]> {
  const history = await suiteHistory(db, projectId);
  const cases = await listCaseMetrics(db, history.map((h) => h.suiteRunId));
  const rows = history.map((h) => ({ versionId: h.versionId, version: h.version, suiteRunId: h.suiteRunId, status: h.status, total: h.total, passed: h.passed, passRate: h.passRate, ...summarize(cases.filter((c) => c.suiteRunId === h.suiteRunId)) }));
  return applyGate(rows, margin);
}

export async function compareProjectVersions(p: Platform, userId: string, projectId: string): Promise<{ margin: number; versions: VersionRow[] }> {
  await getOwnedProject(p.db, userId, projectId);
  const margin = env().EVAL_REGRESSION_MARGIN;
  return { margin, versions: await compareSuiteVersions(p.db, projectId, margin) };
}
