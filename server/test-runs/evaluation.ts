import { createContext, runInContext, type Context } from "node:vm";
import { z } from "zod";
import { JudgeExpectations, type JudgeCheck } from "./judge/rubric";
import { trajectoryChecks, TrajectoryExpectations, type TrajectoryCheck } from "./trajectory";
import type { RunEvent, RunStatus, ToolCallRecord } from "./types";

/**
 * What a test case expects of a run, and the verdict. Everything here is user input that runs
 * on the server: regexes are compiled up front and matched under a time limit (no ReDoS), JSON
 * schemas are compiled by zod when the case is saved.
 */

/**
 * A match gets 100 ms, and one more try with 1 s when that runs out: on a loaded machine a
 * plain pattern can lose 100 ms of wall time to scheduling, while a catastrophic one still
 * fails the second budget. Worst case per check: 1.1 s of CPU.
 */
const REGEX_BUDGETS_MS = [100, 1_000];
const MAX_MATCHED_CHARS = 50_000;

const compiles = (pattern: string) => {
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    return false;
  }
};

const schemaCompiles = (schema: Record<string, unknown>) => {
  try {
    z.fromJSONSchema(schema as never);
    return true;
  } catch {
    return false;
  }
};

export const Expectations = z
  .object({
    /** Each string must appear in the output (case-insensitive). */
    contains: z.array(z.string().trim().min(1, "must not be empty").max(500)).max(10).optional(),
    /** A JavaScript regular expression (unicode mode) the output must match. */
    regex: z.string().min(1).max(300).refine(compiles, "is not a valid regular expression").optional(),
    /** The output, parsed as JSON, must satisfy this JSON Schema. */
    jsonSchema: z.record(z.string(), z.unknown()).refine(schemaCompiles, "is not a JSON Schema zod can check").optional(),
    /** A tool with this name must have been called. */
    toolCalled: z.string().trim().min(1).max(100).optional(),
    /** The run's total latency must be at most this. */
    maxLatencyMs: z.number().int().min(1).max(600_000).optional(),
    ...TrajectoryExpectations,
    ...JudgeExpectations,
  })
  .strict()
  // The reference and the pass mark only qualify judges; alone they check nothing.
  .refine(({ reference: _r, minJudgeScore: _m, ...checks }) => Object.values(checks).some((v) => v !== undefined && (!Array.isArray(v) || v.length > 0)), "needs at least one expectation")
  .refine((e) => !e.judges?.includes("correctness") || e.reference !== undefined, { path: ["reference"], message: "is required to judge correctness" });
export type Expectations = z.infer<typeof Expectations>;

export type Check = { kind: "succeeded" | "contains" | "regex" | "jsonSchema" | "toolCalled" | "maxLatencyMs"; passed: boolean; detail: string } | TrajectoryCheck | JudgeCheck;
export type Verdict = { passed: boolean; checks: Check[] };
export type Judged = { status: RunStatus; output: string; toolCalls: ToolCallRecord[]; latencyTotalMs: number | null; events?: RunEvent[] };

// One context for every match: creating a context per call costs more than most matches.
let matchContext: Context | undefined;

function regexMatches(pattern: string, text: string): boolean | "timeout" {
  matchContext ??= createContext({});
  matchContext.re = new RegExp(pattern, "u");
  matchContext.s = text.slice(0, MAX_MATCHED_CHARS);
  try {
    for (const timeout of REGEX_BUDGETS_MS) {
      try {
        return Boolean(runInContext("re.test(s)", matchContext, { timeout }));
      } catch {
        // Out of time: the next budget, or "timeout" after the last.
      }
    }
    return "timeout";
  } finally {
    matchContext.re = matchContext.s = undefined;
  }
}

/** The JSON in an answer: all of it, a ```json fence, or the outermost {...} / [...]. */
export function extractJson(output: string): unknown {
  const candidates = [output.trim(), /```(?:json)?\s*([\s\S]*?)```/.exec(output)?.[1]?.trim(), /[[{][\s\S]*[\]}]/.exec(output)?.[0]];
  for (const c of candidates) {
    if (!c) continue;
    try {
      return JSON.parse(c);
    } catch {
      /* next */
    }
  }
  return undefined;
}

export function evaluate(e: Expectations, run: Judged): Verdict {
  const checks: Check[] = [{ kind: "succeeded", passed: run.status === "succeeded", detail: run.status === "succeeded" ? "the run succeeded" : `the run ended with status ${run.status}` }];
  const lower = run.output.toLowerCase();
  for (const s of e.contains ?? []) checks.push({ kind: "contains", passed: lower.includes(s.toLowerCase()), detail: `output contains "${s}"` });
  if (e.regex) {
    const m = regexMatches(e.regex, run.output);
    checks.push({ kind: "regex", passed: m === true, detail: m === "timeout" ? `/${e.regex}/ took too long to match` : `output matches /${e.regex}/` });
  }
  if (e.jsonSchema) {
    const value = extractJson(run.output);
    const result = value === undefined ? null : z.fromJSONSchema(e.jsonSchema as never).safeParse(value);
    const detail = value === undefined ? "the output holds no JSON" : result!.success ? "output JSON matches the schema" : `output JSON does not match: ${result!.error.issues[0]?.path.join(".") || "(root)"} ${result!.error.issues[0]?.message}`;
    checks.push({ kind: "jsonSchema", passed: !!result?.success, detail });
  }
  if (e.toolCalled) {
    const names = run.toolCalls.map((c) => c.name);
    checks.push({ kind: "toolCalled", passed: names.includes(e.toolCalled), detail: `tool "${e.toolCalled}" was called${names.length ? ` (called: ${[...new Set(names)].join(", ")})` : " (no tool was called)"}` });
  }
  if (e.maxLatencyMs !== undefined) {
    const ok = run.latencyTotalMs !== null && run.latencyTotalMs <= e.maxLatencyMs;
    checks.push({ kind: "maxLatencyMs", passed: ok, detail: `latency ${run.latencyTotalMs ?? "?"} ms ≤ ${e.maxLatencyMs} ms` });
  }
  checks.push(...trajectoryChecks(e, run));
  return { passed: checks.every((c) => c.passed), checks };
}
