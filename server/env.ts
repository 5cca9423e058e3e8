import path from "node:path";
import { z } from "zod";

/**
 * The one place that reads process.env. Parsed once; a bad or missing variable stops the
 * process with a message naming it. In aws mode the resource names (table, bucket,
 * queues) come from SST links inside server/platform/aws.ts, not from here.
 */

const emptyAsUndefined = (v: unknown) => (v === "" ? undefined : v);
const opt = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(emptyAsUndefined, schema.optional());

const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/** Abuse limits (server/limits). Per-minute budgets unless the name says otherwise. */
const Limits = {
  /**
   * Proxies in front of the app that append to X-Forwarded-For (CloudFront: 1). 0: none; the
   * local server stamps the peer address itself and no forwarded header is trusted.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  /** Failed sign-ins per account before back-off starts (doubling from 30 s, capped at 1 h). */
  SIGNIN_FAILURES_PER_ACCOUNT: count(5),
  /** Failed sign-ins per client IP per hour. */
  SIGNIN_FAILURES_PER_IP_HOUR: count(50),
  SIGNUPS_PER_IP_HOUR: count(20),
  /** Generate, test runs, consultation turns, change requests: per user per minute. */
  EXPENSIVE_CALLS_PER_USER_MIN: count(30),
  WRITE_CALLS_PER_USER_MIN: count(300),
  READ_CALLS_PER_USER_MIN: count(1200),
  /** Calls from callers without a user (anonymous, runner tasks): per IP per minute. */
  ANONYMOUS_CALLS_PER_IP_MIN: count(300),
  /** Operations in one tRPC batch request. */
  MAX_BATCH_OPERATIONS: count(20),
  /** Request body limit of the tRPC endpoint, in bytes (413 above it). */
  MAX_REQUEST_BYTES: count(1_048_576),
  /** Projects one user may own. */
  PROJECTS_PER_USER: count(200),
};

const Common = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  /** Interface the local server listens on; loopback unless set (e.g. 0.0.0.0 to share on a LAN). */
  HOST: z.string().min(1).default("127.0.0.1"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** Build output directory; separate ones let several checkouts or test runs build side by side. */
  NEXT_DIST_DIR: z.string().regex(/^\.next[\w-]*$/, "must be .next or start with .next").default(".next"),
  GITHUB_CLIENT_ID: opt(z.string().min(1)),
  GITHUB_CLIENT_SECRET: opt(z.string().min(1)),
  LLM_PROVIDER: z.enum(["offline", "bedrock", "openai-compatible"]).default("offline"),
  LLM_BASE_URL: opt(z.url()),
  LLM_MODEL_ID: opt(z.string().min(1)),
  AWS_REGION: z.string().default("us-east-1"),
  /** How long a model judge may take to score one test case before it is "not scored". */
  EVAL_JUDGE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** Suite-score points (0–100) a version may drop below the previous version's before it is marked regressed. */
  EVAL_REGRESSION_MARGIN: z.coerce.number().min(0).max(100).default(5),
  /** Shared secret between event publishers and the realtime service (aws mode: set by the stack). */
  REALTIME_SECRET: opt(z.string().min(16)),
  /**
   * The model behind agent test runs. auto: Bedrock when LLM_PROVIDER is bedrock, else an
   * OpenAI-compatible endpoint (Ollama) when one answers, else the built-in mock model.
   */
  TEST_RUN_MODEL: z.enum(["auto", "mock", "openai-compatible", "bedrock"]).default("auto"),
  /** OpenAI-compatible endpoint for test runs (default: LLM_BASE_URL, then Ollama on 127.0.0.1:11434). */
  TEST_RUN_MODEL_BASE_URL: opt(z.url()),
  /** Model id for test runs on that endpoint (default: LLM_MODEL_ID, else the agent's own model). */
  TEST_RUN_MODEL_ID: opt(z.string().min(1)),
  /** Test runs executed at once; more wait in line. */
  TEST_RUN_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  /** argon2id hashes and verifications run at once (server/auth/password.ts); default: 2, or 1 on one core. */
  PASSWORD_HASH_CONCURRENCY: opt(z.coerce.number().int().min(1).max(64)),
  ...Limits,
});

const Local = Common.extend({
  APP_RUNTIME: z.literal("local"),
  DATA_DIR: z.string().default(".data"),
  /** Set by the local launcher, which generates and persists one under DATA_DIR. */
  NEXTAUTH_SECRET: opt(z.string().min(16)),
  NEXTAUTH_URL: opt(z.url()),
  /** Port of the embedded DynamoDB-API server; 0 picks a free one. */
  DYNAMO_PORT: z.coerce.number().int().min(0).max(65_535).default(0),
  /** Dependency and build caches of test runs (default: DATA_DIR/runner-cache). */
  TEST_RUN_CACHE_DIR: opt(z.string().min(1)),
  /**
   * The deploy rehearsal in QA (boot the generated TypeScript project as its IaC runs it):
   * "cached" (default) rehearses when the project's dependencies are already in the test-run
   * cache (a few seconds) and otherwise records it as skipped with that reason; "on" installs
   * them first (about a minute per new dependency list); "off" never rehearses in QA.
   */
  QA_REHEARSAL: z.enum(["off", "cached", "on"]).default("cached"),
  /** Size bound of those caches in MB; the least recently used entries are evicted above it. */
  TEST_RUN_CACHE_MAX_MB: z.coerce.number().int().min(64).default(2048),
  /** Seed the demo account at start (local mode only). */
  SEED_DEMO: z.preprocess((v) => (v === undefined ? undefined : v !== "false" && v !== "0"), z.boolean().default(true)),
});

const Aws = Common.extend({
  APP_RUNTIME: z.literal("aws"),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  NEXTAUTH_URL: z.url(),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection string"),
});

export const Env = z.discriminatedUnion("APP_RUNTIME", [Local, Aws]);
export type Env = z.infer<typeof Env>;
export type LocalEnv = z.infer<typeof Local>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = Env.safeParse({ ...source, APP_RUNTIME: source.APP_RUNTIME || "local" });
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "APP_RUNTIME"}: ${i.message}`);
  throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
}

let cached: Env | undefined;

/**
 * The local launcher's defaults, written into process.env before anything reads it: next-auth
 * and the Next.js server bundle, which run in the same process, read them from there. The
 * session secret is generated once per data dir (by the caller) so sessions survive restarts.
 */
export function prepareLocalEnv(root: string, sessionSecret: (dataDir: string) => string): LocalEnv {
  const source = process.env;
  source.APP_RUNTIME ||= "local";
  const first = parseEnv(source);
  if (first.APP_RUNTIME !== "local") throw new Error("npm start runs the local platform; set APP_RUNTIME=local or unset it");
  const dataDir = path.resolve(root, first.DATA_DIR);
  source.DATA_DIR = dataDir;
  source.NEXTAUTH_SECRET ||= sessionSecret(dataDir);
  source.NEXTAUTH_URL ||= `http://localhost:${first.PORT}`;
  // The SDK's Node 20 end-of-support notice is informational; Next's telemetry has no network here.
  source.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ||= "true";
  source.NEXT_TELEMETRY_DISABLED ||= "1";
  cached = undefined;
  return env() as LocalEnv;
}
/** The validated environment, parsed on first use. */
export function env(): Env {
  return (cached ??= parseEnv(process.env));
}

/**
 * The ECS test-runner task's own variables (server/test-runs/runner/main.ts): the per-run ones
 * come from the RunTask container overrides, the bucket from the task definition.
 */
const RunnerEnv = z.object({
  RUNNER_RUN_ID: z.string().regex(/^run_[0-9a-z]{26}$/, "must be a run id"),
  RUNNER_REPORT_TOKEN: z.string().min(20, "must be the run's report token"),
  RUNNER_APP_URL: z.url(),
  RUNNER_MODEL_KIND: z.enum(["mock", "bedrock"]).default("bedrock"),
  RUNNER_MODEL_ID: z.string().min(1).default("mock"),
  AWS_REGION: z.string().default("us-east-1"),
});
export type RunnerEnv = z.infer<typeof RunnerEnv>;

export function runnerEnv(source: Record<string, string | undefined> = process.env): RunnerEnv {
  const result = RunnerEnv.safeParse(source);
  if (result.success) return result.data;
  throw new Error(`Invalid runner configuration:\n${result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
}
