/**
 * The requirements (issue 9) and the contracts agreed with the app, written down
 * INDEPENDENTLY of stacks/config.ts: the checks compare what the stacks build against these,
 * so a weaker value in config.ts fails the checks instead of silently passing them.
 */
export const ROLES = ["pm", "dev", "qa", "ops"] as const;
export type Role = (typeof ROLES)[number];

/** Contract names (server/platform/aws.ts reads them with Resource.<Name>). */
export const ROLE_NAMES: Record<Role, { queue: string; fn: string; handler: string }> = {
  pm: { queue: "PmQueue", fn: "PmWorker", handler: "server/agents/pm.handler" },
  dev: { queue: "DevQueue", fn: "DevWorker", handler: "server/agents/dev.handler" },
  qa: { queue: "QaQueue", fn: "QaWorker", handler: "server/agents/qa.handler" },
  ops: { queue: "OpsQueue", fn: "OpsWorker", handler: "server/agents/ops.handler" },
};

export const REQUIRED = {
  table: { component: "AgentTable", hashKey: "pk", rangeKey: "sk", gsis: { gsi1: ["gsi1pk", "gsi1sk"], gsi2: ["gsi2pk", "gsi2sk"] } },
  bucket: "Artifacts",
  minMaxReceiveCount: 5,
  minVisibilityRatio: 6,
  reservedConcurrency: 10,
  logRetentionDays: 7,
  architecture: "arm64",
  dev: { timeoutSeconds: 900, memoryMb: 2048 },
  /** Only the roles that run the LanguageModel may invoke Bedrock. */
  bedrockRoles: ["pm", "dev"] as Role[],
  bedrockActions: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
  alarm: { errorRatePercent: 5, durationFraction: 0.8 },
  budget: { limitUsd: 10, alertPercent: 80 },
  api: { ratePerSecond: 100 },
  realtime: { component: "Realtime", cpu: "256", memory: "512", architecture: "ARM64" },
  /** Powertools metrics the workers emit (contract with server/agents). */
  customMetrics: ["JobsProcessed", "QaLoops", "GenerationTime"],
  secrets: { required: ["NextAuthSecret", "DatabaseUrl", "RealtimeSecret"], optional: ["GithubClientId", "GithubClientSecret"] },
} as const;
