/**
 * Every infrastructure parameter, in one typed module that BOTH the stacks and the offline
 * checks (tests/infra/) read. A stack never hard-codes a size, a timeout or a threshold; a
 * test never trusts this file either: the checks compare the resources the stacks build
 * against the issue's requirements, so editing a number here to something unsafe fails
 * `npm test`.
 *
 * Pure data: no SST globals, no Pulumi, so it type-checks under both tsconfigs.
 */
import { TABLE_KEYS } from "../server/dynamo/entities/keys";

/** Bedrock models, prices in shared/reference and the cost estimator are all us-east-1. */
export const REGION = "us-east-1";
/** Stages that get production safeguards (retain on remove, deletion protection, budget). */
export const PRODUCTION_STAGES = ["production"] as const;

export const isProductionStage = (stage: string) => (PRODUCTION_STAGES as readonly string[]).includes(stage);

/** Linked resource names: the app reads these with `Resource.<Name>` in server/platform/aws.ts. */
export const NAMES = {
  table: "AgentTable",
  bucket: "Artifacts",
  realtime: "Realtime",
  testRunner: "TestRunner",
  router: "Router",
  api: "Api",
  web: "Web",
  vpc: "Vpc",
  cluster: "Cluster",
} as const;

/** The single table. Key names come from the ElectroDB layout so the two cannot drift. */
export const TABLE = {
  fields: {
    [TABLE_KEYS.pk]: "string",
    [TABLE_KEYS.sk]: "string",
    [TABLE_KEYS.gsi1.pk]: "string",
    [TABLE_KEYS.gsi1.sk]: "string",
    [TABLE_KEYS.gsi2.pk]: "string",
    [TABLE_KEYS.gsi2.sk]: "string",
  } as Record<string, "string">,
  primaryIndex: { hashKey: TABLE_KEYS.pk, rangeKey: TABLE_KEYS.sk },
  globalIndexes: {
    [TABLE_KEYS.gsi1.index]: { hashKey: TABLE_KEYS.gsi1.pk, rangeKey: TABLE_KEYS.gsi1.sk },
    [TABLE_KEYS.gsi2.index]: { hashKey: TABLE_KEYS.gsi2.pk, rangeKey: TABLE_KEYS.gsi2.sk },
  } as Record<string, { hashKey: string; rangeKey: string }>,
  billingMode: "PAY_PER_REQUEST",
  pointInTimeRecovery: true,
} as const;

export const BUCKET = {
  versioning: true,
  /** Old versions of an artifact are only needed to undo a bad overwrite. */
  noncurrentVersionExpirationDays: 30,
  abortIncompleteUploadDays: 7,
} as const;

export const ROLES = ["pm", "dev", "qa", "ops"] as const;
export type Role = (typeof ROLES)[number];

export type WorkerConfig = {
  /** Linked queue name (contract with server/platform/aws.ts). */
  queue: string;
  /** SST component name of the worker function. */
  functionName: string;
  handler: string;
  timeoutSeconds: number;
  memoryMb: number;
  /** Only the roles that run the LanguageModel may call Bedrock. */
  bedrock: boolean;
  /**
   * Packages installed beside the bundle instead of bundled: QA's in-memory TypeScript check
   * reads the compiler's lib files and the Strands SDK's declarations from node_modules; Dev
   * runs npm's own CLI (Lambda's Node runtime has no npm) to resolve package-lock.json.
   */
  install?: readonly string[];
};

/**
 * Dev is fixed by the issue (15 min, 2 GB). The others are first guesses, to be re-measured
 * from the Duration/MaxMemoryUsed figures of real runs: PM waits on one LLM call (plan),
 * QA type-checks and compiles a generated project, Ops zips and stores it.
 */
export const WORKERS: Record<Role, WorkerConfig> = {
  pm: { queue: "PmQueue", functionName: "PmWorker", handler: "server/agents/pm.handler", timeoutSeconds: 120, memoryMb: 512, bedrock: true },
  dev: { queue: "DevQueue", functionName: "DevWorker", handler: "server/agents/dev.handler", timeoutSeconds: 900, memoryMb: 2048, bedrock: true, install: ["npm"] },
  qa: { queue: "QaQueue", functionName: "QaWorker", handler: "server/agents/qa.handler", timeoutSeconds: 180, memoryMb: 1024, bedrock: false, install: ["typescript", "@strands-agents/sdk"] },
  ops: { queue: "OpsQueue", functionName: "OpsWorker", handler: "server/agents/ops.handler", timeoutSeconds: 60, memoryMb: 512, bedrock: false },
};

/**
 * Data the workers read from disk at run time (process.cwd() is the bundle root on Lambda):
 * the model/tool registry and the templates the generator renders.
 */
export const WORKER_FILES = ["registry", "templates"] as const;

export const FUNCTION_DEFAULTS = {
  architecture: "arm64",
  /** Lambda deprecates nodejs20.x with Node 20's end of life (2026-04-30); the code runs on Node >= 20.19. */
  runtime: "nodejs22.x",
  reservedConcurrency: 10,
  logRetention: "1 week",
  logFormat: "json",
  tracing: "Active",
} as const;

export const QUEUE = {
  /** Per-project order matters (a modification must not overtake the one before it). */
  fifo: true,
  contentBasedDeduplication: true,
  maxReceiveCount: 5,
  /** SQS's own recommendation for a Lambda source: at least 6x the function timeout. */
  visibilityTimeoutMultiplier: 6,
  /** One job per invocation: jobs are long LLM-bound steps, a batch would share one timeout. */
  batchSize: 1,
  dlqRetentionSeconds: 14 * 24 * 60 * 60,
} as const;

export const visibilityTimeoutSeconds = (role: Role) => WORKERS[role].timeoutSeconds * QUEUE.visibilityTimeoutMultiplier;

export const WEB = {
  /** The web app starts jobs; the PM and Dev workers call the model. */
  bedrock: false,
  serverMemory: "1024 MB",
  /** SST's own default, also the CloudFront read timeout it sets; under API Gateway's 30 s
   * integration limit. Long work goes through the queues. */
  serverTimeoutSeconds: 20,
  serverArchitecture: "arm64",
  /** API Gateway HTTP API stage throttle in front of /api/*. */
  throttleRatePerSecond: 100,
  throttleBurst: 200,
  apiPathPrefix: "/api",
} as const;

export const REALTIME = {
  architecture: "arm64",
  cpu: "0.25 vCPU",
  memory: "0.5 GB",
  containerPort: 8080,
  healthPath: "/health",
  /** Browsers connect to wss://<site>/realtime through the Router (same origin, TLS). */
  routePath: "/realtime",
  dockerfile: "server/realtime/Dockerfile",
  /** WebSockets idle longer than the ALB default of 60 s between pings. */
  idleTimeoutSeconds: 300,
  desiredTasks: 1,
} as const;

export const TEST_RUNNER = {
  architecture: "arm64",
  cpu: "0.5 vCPU",
  memory: "1 GB",
  dockerfile: "server/test-runs/runner/Dockerfile",
} as const;

export const LOGS = { ecsRetention: "1 week", apiAccessLogRetention: "1 week" } as const;

/** Powertools metrics the workers emit; the dashboard and docs read the same names. */
export const METRICS = {
  namespace: "AgentBuilder",
  jobsProcessed: "JobsProcessed",
  qaLoops: "QaLoops",
  generationTime: "GenerationTime",
} as const;

export const ALARMS = {
  periodSeconds: 300,
  evaluationPeriods: 1,
  lambdaErrorRatePercent: 5,
  /** Duration alarm fires at this fraction of the function's timeout. */
  lambdaDurationFraction: 0.8,
  dynamoThrottledRequests: 0,
  dlqVisibleMessages: 0,
  realtimeMinRunningTasks: 1,
  realtimeElb5xx: 5,
} as const;

export const BUDGET = {
  monthlyLimitUsd: 10,
  alertThresholdPercent: 80,
} as const;

export const BEDROCK = {
  actions: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
  /** Overridable with BEDROCK_MODEL_IDS; a `us.` id is a cross-region inference profile. */
  defaultModelIds: ["us.anthropic.claude-sonnet-5"],
} as const;

/** The scheduled repair sweep (stacks/sweeper.ts, server/agents/sweeper.ts). */
export const SWEEPER = {
  functionName: "Sweeper",
  handler: "server/agents/sweeper.handler",
  schedule: "rate(1 minute)",
  /** server/agents/sweeper.ts SWEEP steps deployments for 40 s of it. */
  timeoutSeconds: 60,
  memoryMb: 512,
} as const;
