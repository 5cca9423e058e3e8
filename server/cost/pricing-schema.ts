import { z } from "zod";
import { ISO_DATE } from "../registry/schema";

/**
 * Schema of registry/pricing.json: AWS unit prices per region, each with the keys of
 * its sources (url + as-of in the `sources` table) and the newest dated source.
 * Every price the estimator reads is a named key here, so a missing or misspelt entry
 * fails at load with its path (e.g. `regions.us-east-1.services.lambda.requests_per_1m.value`).
 * `value: null` means no source gave the number: the estimator shows "price unknown".
 */

const SourceKey = z.string().regex(/^[a-z0-9_]+$/);
const Sourced = { sources: z.array(SourceKey), asOf: ISO_DATE.nullable() };

/** A unit price. Non-null prices must name at least one source. */
export const PriceItem = z
  .object({
    value: z.number().nonnegative().nullable(),
    unit: z.string().min(1),
    note: z.string().optional(),
    tier: z.string().optional(),
    /** Cumulative monthly quantity at which this tier ends; null = open-ended. */
    tierUpTo: z.number().positive().nullable().optional(),
    ...Sourced,
  })
  .refine((p) => p.value === null || p.sources.length > 0, { message: "a price needs at least one source" });
export type PriceItem = z.infer<typeof PriceItem>;

/** A non-price fact (a limit, an included allowance) that may lack a source. */
const Fact = z.object({
  value: z.union([z.number().nonnegative(), z.tuple([z.number(), z.number()])]).nullable(),
  unit: z.string().min(1),
  note: z.string().optional(),
  kind: z.literal("unverified").optional(),
  ...Sourced,
});

/**
 * always-free: every account; legacy-12-month: accounts created before 2025-07-15 only;
 * trial / none / unknown: nothing to apply; unverified: an allowance without its terms,
 * never applied (we would rather overstate a bill than promise a discount).
 */
export const FreeTierKind = z.enum(["always-free", "legacy-12-month", "trial", "none", "unknown", "unverified"]);
export type FreeTierKind = z.infer<typeof FreeTierKind>;

const freeTier = <T extends z.ZodRawShape>(allowances: T) =>
  z.object({
    kind: FreeTierKind,
    terms: z.string().optional(),
    note: z.string().optional(),
    value: z.null().optional(),
    ...allowances,
    ...Sourced,
  });
const Amount = z.number().nonnegative();
const Notes = z.record(z.string(), z.string()).optional();

const Lambda = z.object({
  requests_per_1m: PriceItem,
  duration_per_gb_second_x86: PriceItem,
  duration_per_gb_second_x86_next_9b: PriceItem,
  duration_per_gb_second_x86_over_15b: PriceItem,
  duration_per_gb_second_arm64: PriceItem,
  duration_per_gb_second_arm64_next_11_25b: PriceItem,
  duration_per_gb_second_arm64_over_18_75b: PriceItem,
  provisioned_concurrency_per_gb_second_x86: PriceItem,
  ephemeral_storage_per_gb_second: PriceItem,
  max_timeout_minutes: Fact,
  memory_range_mb: Fact,
  free_tier: freeTier({ requests_per_month: Amount, gb_seconds_per_month: Amount }),
  notes: Notes,
});

const Fargate = z.object({
  linux_x86_per_vcpu_hour: PriceItem,
  linux_x86_per_gb_hour: PriceItem,
  linux_arm_per_vcpu_hour: PriceItem,
  linux_arm_per_gb_hour: PriceItem,
  windows_x86_per_vcpu_hour: PriceItem.and(z.object({ plus_os_license_per_vcpu_hour: z.number().nonnegative() })),
  windows_x86_per_gb_hour: PriceItem,
  ephemeral_storage_included_gb: Fact,
  ephemeral_storage_per_gb_hour_above_20gb: PriceItem,
  free_tier: freeTier({}),
  notes: Notes,
});

const AgentCore = z.object({
  runtime_per_vcpu_hour: PriceItem,
  runtime_per_gb_hour: PriceItem,
  memory_short_term_per_1000_new_events: PriceItem,
  memory_long_term_storage_per_1000_records_month_builtin: PriceItem,
  memory_long_term_storage_per_1000_records_month_self_managed: PriceItem,
  memory_retrieval_per_1000: PriceItem,
  gateway_per_1000_invocations_listtools_invoketool_ping: PriceItem,
  gateway_per_1000_search_calls: PriceItem,
  browser_tool_pricing: PriceItem,
  code_interpreter_pricing: PriceItem,
  identity_pricing: PriceItem,
  free_tier: freeTier({}),
  notes: Notes,
});

const DynamoDb = z.object({
  on_demand_write_per_1m_wru: PriceItem,
  on_demand_read_per_1m_rru: PriceItem,
  on_demand_price_change: z.object({
    effective: ISO_DATE,
    change: z.string(),
    previous_write_per_1m: Amount,
    previous_read_per_1m: Amount,
    ...Sourced,
  }),
  storage_standard_per_gb_month: PriceItem.and(z.object({ after_free_gb: Amount })),
  provisioned_wcu_hour: PriceItem,
  provisioned_rcu_hour: PriceItem,
  free_tier: freeTier({ storage_gb: Amount, provisioned_wcu: Amount, provisioned_rcu: Amount, stream_read_requests: Amount }),
});

const S3 = z.object({
  storage_per_gb_month_first_50tb: PriceItem,
  put_copy_post_list_per_1000: PriceItem,
  get_select_per_1000: PriceItem,
  free_tier: freeTier({ storage_gb: Amount, get_requests: Amount, put_requests: Amount, data_transfer_out_gb: Amount }),
});

const Sqs = z.object({
  standard_per_1m_requests: PriceItem,
  standard_per_1m_next_100b: PriceItem,
  standard_per_1m_over_200b: PriceItem,
  fifo_per_1m_requests: PriceItem,
  fair_queue_surcharge_per_1m: PriceItem,
  free_tier: freeTier({ requests_per_month: Amount }),
  notes: Notes,
});

const ApiGateway = z.object({
  http_api_per_1m_first_300m: PriceItem,
  http_api_per_1m_over_300m: PriceItem,
  rest_api_per_1m_first_333m: PriceItem,
  websocket_per_1m_messages: PriceItem,
  websocket_per_1m_connection_minutes: PriceItem,
  rest_cache_per_hour_from: PriceItem.and(z.object({ size: z.string() })),
  free_tier: freeTier({
    http_calls: Amount,
    rest_calls: Amount,
    websocket_messages: Amount,
    websocket_connection_minutes: Amount,
  }),
  notes: Notes,
});

const CloudWatchLogs = z.object({
  ingestion_standard_per_gb: PriceItem,
  ingestion_infrequent_access_per_gb: PriceItem,
  storage_archive_per_gb_month: PriceItem,
  logs_insights_per_gb_scanned: PriceItem,
  vended_logs_to_s3_per_gb: PriceItem,
  free_tier: freeTier({ ingestion_gb_per_month: Amount }),
});

const PerTrace = z.object({ per_trace: Amount });
const XRay = z.object({
  traces_recorded_per_1m: PriceItem.and(PerTrace),
  traces_retrieved_or_scanned_per_1m: PriceItem.and(PerTrace),
  insights_traces_processed_per_1m: PriceItem.and(PerTrace),
  free_tier: freeTier({ traces_recorded_per_month: Amount, traces_retrieved_or_scanned_per_month: Amount }),
  retention_days_included: Fact,
});

const SecretsManager = z.object({
  per_secret_month: PriceItem,
  per_10k_api_calls: PriceItem,
  free_tier: freeTier({}),
});

const ParameterStore = z.object({
  standard_parameters: PriceItem,
  advanced_per_parameter_month: PriceItem,
  advanced_api_per_10k_interactions: PriceItem,
});

const Ecr = z.object({
  private_storage_per_gb_month: PriceItem,
  same_region_transfer: PriceItem,
  free_tier: freeTier({ private_storage_mb_per_month: Amount, public_storage_gb_always_free: Amount }),
});

const NatGateway = z.object({ per_hour: PriceItem, per_gb_processed: PriceItem, notes: Notes });

const LoadBalancer = z.object({
  per_alb_hour: PriceItem,
  per_lcu_hour: PriceItem,
  free_tier: freeTier({ alb_hours: Amount, lcus: Amount }),
  notes: Notes,
});

const DataTransferOut = z.object({
  free_gb_per_month: Fact,
  per_gb_first_10tb: PriceItem,
  per_gb_next_40tb: PriceItem,
  per_gb_next_100tb: PriceItem,
  per_gb_over_150tb: PriceItem,
  cross_az_per_gb_each_way: PriceItem,
  public_ipv4_per_hour: PriceItem,
});

/** Amazon Bedrock Guardrails, per 1,000 text units and policy. Optional: no source has given these prices yet. */
const BedrockGuardrails = z.object({
  denied_topics_per_1k_text_units: PriceItem.optional(),
  sensitive_information_per_1k_text_units: PriceItem.optional(),
  word_filters_per_1k_text_units: PriceItem.optional(),
  contextual_grounding_per_1k_text_units: PriceItem.optional(),
});

export const RegionServices = z.object({
  lambda: Lambda,
  fargate: Fargate,
  bedrock_agentcore: AgentCore,
  dynamodb: DynamoDb,
  s3_standard: S3,
  sqs: Sqs,
  api_gateway: ApiGateway,
  cloudwatch_logs: CloudWatchLogs,
  xray: XRay,
  secrets_manager: SecretsManager,
  ssm_parameter_store: ParameterStore,
  ecr: Ecr,
  nat_gateway: NatGateway,
  application_load_balancer: LoadBalancer,
  data_transfer_out_internet: DataTransferOut,
  bedrock_guardrails: BedrockGuardrails.optional(),
});
export type RegionServices = z.infer<typeof RegionServices>;

export const PricingFile = z
  .object({
    $comment: z.string().optional(),
    version: z.string().min(1),
    currency: z.literal("USD"),
    compiledFrom: z.string().min(1),
    caveat: z.string(),
    freeTierProgram: z.object({
      changeDate: ISO_DATE,
      newAccounts: z.string(),
      existingAccounts: z.string(),
      alwaysFree: z.string(),
      ...Sourced,
    }),
    regions: z.record(z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/), z.object({ services: RegionServices })),
    gaps: z.array(z.string()),
    sources: z.record(SourceKey, z.object({ url: z.string().url(), asOf: z.string().min(1) })),
  })
  .superRefine((file, ctx) => {
    // Every source key an item cites must be in the sources table.
    const known = new Set(Object.keys(file.sources));
    const visit = (node: unknown, path: (string | number)[]) => {
      if (Array.isArray(node) || node === null || typeof node !== "object") return;
      for (const [key, child] of Object.entries(node)) {
        if (key === "sources" && Array.isArray(child)) {
          child.forEach((k, i) => {
            if (typeof k === "string" && !known.has(k)) {
              ctx.addIssue({ code: "custom", path: [...path, key, i], message: `unknown source key '${k}'` });
            }
          });
        } else visit(child, [...path, key]);
      }
    };
    visit(file.regions, ["regions"]);
    visit(file.freeTierProgram, ["freeTierProgram"]);
  });
export type PricingFile = z.infer<typeof PricingFile>;
