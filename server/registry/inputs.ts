import { z } from "zod";
import { DomainError } from "../errors";
import { DeploymentTargetId, ModelProvider, PlatformId } from "./schema";

/**
 * Input schemas of the registry services. The routers use them as `.input(...)`; the
 * services parse with them too, so every caller (workers, CLI, extraction) gets the same
 * rejection of negative, NaN, infinite or absurd numbers. Limits match AgentSpec's.
 */

export const CapabilityName = z.enum(["toolUse", "vision", "reasoning", "streaming", "structuredOutput", "promptCaching"]);
export const ModelStatus = z.enum(["active", "legacy", "deprecated"]);
export const Language = z.enum(["python", "typescript"]);
export type Language = z.infer<typeof Language>;

export const ModelId = z.string().trim().min(1).max(200);
export const ToolId = z.string().regex(/^[a-z][a-z0-9_-]*$/, "not a tool id").max(100);

/** USD per 1M tokens: the dearest published price is a few hundred dollars. */
const PricePer1M = z.number().min(0, "must not be negative").max(10_000, "is not a plausible price per 1M tokens");
const oneOrMany = <T extends z.ZodType>(s: T) => z.union([s, z.array(s).max(10)]);

export const ModelFilterInput = z.object({
  provider: oneOrMany(ModelProvider).optional(),
  capabilities: z.array(CapabilityName).max(6).optional(),
  maxInputPrice: PricePer1M.optional(),
  maxOutputPrice: PricePer1M.optional(),
  minContext: z.number().int().min(0).max(100_000_000).optional(),
  status: oneOrMany(ModelStatus).optional(),
  recommendedOnly: z.boolean().optional(),
  search: z.string().trim().max(200).optional(),
});
export type ModelFilterInput = z.input<typeof ModelFilterInput>;

/** Traffic of the agent; requests are per day, tokens are averages per request. */
export const TrafficInput = z.object({
  requestsPerDay: z.number().min(0, "must not be negative").max(100_000_000, "is not plausible (over 100M a day)"),
  inputTokens: z.number().int().min(0, "must not be negative").max(10_000_000, "is not plausible per request"),
  outputTokens: z.number().int().min(0, "must not be negative").max(1_000_000, "is not plausible per request"),
  /** Requests per month when the project's cost assumption knows them exactly; wins over requestsPerDay × 30. */
  requestsPerMonth: z.number().min(0, "must not be negative").max(3_000_000_000, "is not plausible (over 3 billion a month)").optional(),
});
export type TrafficInput = z.infer<typeof TrafficInput>;

export const RecommendInput = z.object({
  useCase: z.string().trim().max(2_000).default(""),
  monthlyBudgetUsd: z.number().min(0, "must not be negative").max(10_000_000, "is not plausible (over $10M a month)").optional(),
  requiredCapabilities: z.array(CapabilityName).max(6).default([]),
  requestsPerDay: TrafficInput.shape.requestsPerDay.optional(),
  inputTokens: TrafficInput.shape.inputTokens.optional(),
  outputTokens: TrafficInput.shape.outputTokens.optional(),
  requestsPerMonth: TrafficInput.shape.requestsPerMonth,
  /** Rank this provider first instead of Bedrock. */
  preferProvider: ModelProvider.optional(),
  /** Keep every variant (in-region id and each inference profile) instead of the best one per model. */
  includeVariants: z.boolean().default(false),
  limit: z.number().int().min(1).max(200).default(10),
});
export type RecommendInput = z.input<typeof RecommendInput>;

export const CompareInput = z.object({
  ids: z.array(ModelId).min(1).max(6),
  usage: TrafficInput.optional(),
});
export type CompareInput = z.input<typeof CompareInput>;

export const ResolveToolsInput = z.object({ ids: z.array(ToolId).min(1).max(50), language: Language });
export type ResolveToolsInput = z.input<typeof ResolveToolsInput>;

export const ValidateToolsInput = z.object({ ids: z.array(ToolId).min(1).max(50), target: PlatformId });
export type ValidateToolsInput = z.input<typeof ValidateToolsInput>;

/** A selection to check against the generator: an undecided target (absent) is not checked. */
export const CheckToolsInput = z.object({ ids: z.array(ToolId).min(1).max(50), language: Language, target: DeploymentTargetId.optional() });
export type CheckToolsInput = z.input<typeof CheckToolsInput>;

export const ModelIdInput = z.object({ id: ModelId });
export const ToolIdInput = z.object({ id: ToolId });

/**
 * Parses service input; a failure becomes DomainError("invalid") naming the field, so a
 * service called outside a router rejects bad numbers the same way.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(input)", message: i.message }));
  const first = issues[0];
  throw new DomainError("invalid", first ? `${first.path}: ${first.message}` : "invalid input", { issues });
}
