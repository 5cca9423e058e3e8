import { z } from "zod";
import type { ProjectFiles } from "../generation/types";

/**
 * The one-shot contract of a generated agent (`node dist/run-once.js --input TEXT`,
 * `python3 run_once.py --input TEXT`): one JSON object per line on stdout. Everything a
 * hostile agent prints is parsed with these schemas; a line that does not fit becomes a log.
 */
export const AgentEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), delta: z.string() }),
  z.object({ type: z.literal("tool_call"), name: z.string(), input: z.unknown() }),
  z.object({ type: z.literal("tool_result"), name: z.string(), output: z.unknown() }),
  z.object({ type: z.literal("log"), level: z.string(), message: z.string() }),
  z.object({
    type: z.literal("final"),
    output: z.string(),
    usage: z.object({ inputTokens: z.number().int().min(0), outputTokens: z.number().int().min(0) }),
  }),
  z.object({ type: z.literal("error"), message: z.string() }),
  /** The agent's guardrail blocked the prompt or the answer (message = what the user saw). */
  z.object({ type: z.literal("guardrail"), action: z.literal("intervened"), message: z.string() }),
  /** A tool call waits for a person (spec.approval); decided by approval_decision, a timeout is a deny. */
  z.object({ type: z.literal("approval_request"), id: z.string(), tool: z.string(), input: z.unknown(), expiresAt: z.string() }),
  z.object({ type: z.literal("approval_decision"), id: z.string(), tool: z.string(), decision: z.enum(["approve", "deny", "timeout"]) }),
]);
export type AgentEvent = z.infer<typeof AgentEvent>;

/** Progress said by the platform itself (not the agent) while it prepares and starts a run. */
export const RUN_PHASES = ["queued", "preparing", "installing", "building", "running"] as const;
export type RunPhase = (typeof RUN_PHASES)[number];
export type StatusEvent = { type: "status"; phase: RunPhase; message: string };

/** What streams to the browser and the CLI: an agent or status event and its time since the run began. */
export type RunEvent = (AgentEvent | StatusEvent) & { t: number };

/** How a run ended. Every limit has its own status so the user sees which one was hit. */
export const RUN_STATUSES = [
  "queued",
  "running",
  "succeeded",
  "failed",
  "timeout",
  "memory_limit",
  "cpu_limit",
  "process_limit",
  "file_size_limit",
  "output_limit",
  "dependencies_failed",
  "build_failed",
  "error",
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const FINISHED_STATUSES: readonly RunStatus[] = RUN_STATUSES.filter((s) => s !== "queued" && s !== "running");

export type LimitStatus = Extract<RunStatus, "timeout" | "memory_limit" | "cpu_limit" | "process_limit" | "file_size_limit" | "output_limit">;

/** Which model served a run; results record it and the UI labels mock runs plainly. */
export type ModelServed = {
  kind: "mock" | "openai-compatible" | "bedrock";
  /** The model id requests named (the agent's own model for the mock). */
  id: string;
  /** What test_results.model_used stores, e.g. `mock`, `ollama:llama3.1:8b`, `bedrock:amazon.nova-pro-v1:0`. */
  label: string;
};

export type ToolCallRecord = { name: string; input: unknown; output?: unknown };

/** The result of one run, as a runner reports it. */
export type RunOutcome = {
  status: Exclude<RunStatus, "queued" | "running">;
  output: string;
  /** Why it did not succeed: the agent's error, the limit hit, the install or build failure. */
  error: string | null;
  firstTokenMs: number | null;
  totalMs: number;
  tokensIn: number | null;
  tokensOut: number | null;
  toolCalls: ToolCallRecord[];
  logsExcerpt: string;
  /** The streamed events, capped (see MAX_STORED_EVENTS). */
  events: RunEvent[];
  model: ModelServed;
};

/** Where a runner sends what happens: events as they stream, then the outcome once. */
export type RunReporter = {
  event(event: RunEvent): void;
  finish(outcome: RunOutcome): Promise<void>;
};

export type ProjectLanguage = "typescript" | "python";

/** A run a TestRunner executes: a stored version of a project and one input. */
export type RunJob = {
  runId: string;
  projectId: string;
  versionId: string;
  contentHash: string;
  /** Blob keys of the version's file set and ZIP. */
  blobKey: string;
  zipBlobKey: string | null;
  input: string;
  /** The agent's own model id (agent_config.json), used when the model server needs one. */
  agentModelId: string | null;
  /** One-time secret a remote runner reports with (its sha256 is stored with the run). */
  reportToken: string;
};

/**
 * Runs generated agents. The local implementation runs them in a sandboxed child process on
 * this host; the AWS one starts an ECS Fargate task. Both report through the same RunReporter
 * (on AWS, the task posts to the app, which feeds the reporter). Chosen in test-runs/index.ts.
 */
export interface TestRunner {
  readonly kind: "local" | "aws";
  /** The model a run of an agent whose own model is `agentModelId` would be served by now. */
  modelFor(agentModelId: string | null): Promise<ModelServed>;
  /**
   * Begins a run and returns once it is accepted (queued or started), not when it ends.
   * `files`, the version's files when the caller has read them already, spare a local runner
   * reading them again; an AWS runner task fetches its own.
   */
  start(job: RunJob, reporter: RunReporter, files?: ProjectFiles): Promise<void>;
  /**
   * Hands a person's decision (already claimed in test_run_approvals) to the running agent.
   * Local: written to the agent's stdin; false when the run's agent is not running in this
   * process. AWS: the runner task fetches decisions itself (testing.runner.decisions), so true.
   */
  deliverDecision(runId: string, decision: { approvalId: string; decision: "approve" | "deny" }): Promise<boolean>;
  /**
   * Begins a suite's runs (the cases of one version, in order) in one agent process and says
   * true, or starts nothing and says false; then, or where absent, the caller `start`s each.
   * Local: true when the version has run-suite.
   */
  startSuite?(runs: SuiteRun[]): Promise<boolean>;
  /**
   * Ends the runs this process carries, for its shutdown (local: killed and stored as
   * stopped). Absent where runs outlive the process (AWS: each is its own task).
   */
  stop?(): Promise<void>;
}

/** A run as a runner gets it (alone, or one case of a suite), with the version's files (read once by the service for all its runs). */
export type SuiteRun = { job: RunJob; reporter: RunReporter; files: ProjectFiles };
