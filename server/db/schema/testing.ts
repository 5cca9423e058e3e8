import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { generatedCode, projects, testResults } from "./projects";

/**
 * Test runs beyond the metrics row in test_results: the streamed events and tool calls of a
 * run (for viewing, comparing and evaluating), the saved test cases of a project, and suite
 * runs of those cases against a version (pass rate per version).
 */

export const testCases = pgTable(
  "test_cases",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    input: text("input").notNull(),
    /** contains / regex / jsonSchema / toolCalled / maxLatencyMs (server/test-runs/evaluation). */
    expectations: jsonb("expectations").$type<unknown>().notNull(),
    createdAt: timestamp("created_at", { mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("test_cases_project_created_idx").on(t.projectId, t.createdAt)],
);

export const suiteRuns = pgTable(
  "suite_runs",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
    versionId: text("version_id").notNull().references(() => generatedCode.id, { onDelete: "cascade" }),
    /** running until every case has a verdict, then done. */
    status: text("status").notNull(),
    total: integer("total").notNull(),
    passed: integer("passed").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    createdAt: timestamp("created_at", { mode: "date" }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { mode: "date" }),
  },
  (t) => [index("suite_runs_project_created_idx").on(t.projectId, t.createdAt), index("suite_runs_version_idx").on(t.versionId)],
);

/** One per test_results row: what the run printed and how it was judged. */
export const testRunDetails = pgTable(
  "test_run_details",
  {
    resultId: text("result_id")
      .primaryKey()
      .references(() => testResults.id, { onDelete: "cascade" }),
    events: jsonb("events").$type<unknown[]>().notNull().default([]),
    toolCalls: jsonb("tool_calls").$type<unknown[]>().notNull().default([]),
    error: text("error"),
    /** sha256 of the one-time token an ECS runner task reports with (aws mode only). */
    reportTokenHash: text("report_token_hash"),
    suiteRunId: text("suite_run_id").references(() => suiteRuns.id, { onDelete: "cascade" }),
    testCaseId: text("test_case_id").references(() => testCases.id, { onDelete: "set null" }),
    /** null until judged (or when the run is not part of a suite). */
    passed: boolean("passed"),
    checks: jsonb("checks").$type<unknown[]>(),
    /** When a runner began the run (it left the line): stale-run expiry counts from here (store/stale-runs-repo.ts). */
    startedAt: timestamp("started_at", { mode: "date" }),
    finishedAt: timestamp("finished_at", { mode: "date" }),
  },
  (t) => [index("test_run_details_suite_idx").on(t.suiteRunId), index("test_run_details_started_idx").on(t.startedAt)],
);

/**
 * Approvals a running agent asked for (its approval_request events) and how each was decided.
 * The decision is claimed here once (decision IS NULL -> set), so two clicks, or a click after
 * the agent's own timeout, cannot both count; the runner then delivers it to the agent.
 */
export const testRunApprovals = pgTable(
  "test_run_approvals",
  {
    runId: text("run_id")
      .notNull()
      .references(() => testResults.id, { onDelete: "cascade" }),
    /** The agent's id for the approval (apr_...). */
    id: text("id").notNull(),
    tool: text("tool").notNull(),
    expiresAt: timestamp("expires_at", { mode: "date" }).notNull(),
    /** null while pending; approve | deny (a person) | timeout (the agent's default-deny). */
    decision: text("decision"),
    decidedAt: timestamp("decided_at", { mode: "date" }),
    createdAt: timestamp("created_at", { mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.id] })],
);
