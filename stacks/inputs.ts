/**
 * Deploy-time inputs, read from the deployer's environment (shell, `.env`, or the GitHub
 * environment in CI) and validated with zod: a missing or malformed value stops `sst deploy`
 * before any resource changes, naming the variable.
 */
import { z } from "zod";
import { BEDROCK } from "./config";

const emptyAsUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const splitList = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.split(",").map((s) => s.trim()) : undefined);
const hostname = z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "must be a lower-case DNS name such as agents.example.com");
const modelIds = z.array(z.string().regex(/^[a-z0-9][a-z0-9.:-]{2,127}$/, "must look like a Bedrock model or inference-profile id")).min(1);

export const DeployInputs = z.object({
  /** Receives every alarm (SNS email subscription; confirm the first mail). */
  ALERT_EMAIL: z.email("must be an email address"),
  /** Receives the budget alert; defaults to ALERT_EMAIL. */
  BUDGET_EMAIL: z.preprocess(emptyAsUndefined, z.email("must be an email address").optional()),
  /** Custom domain in a Route 53 hosted zone of this account; CloudFront's domain when unset. */
  DOMAIN: z.preprocess(emptyAsUndefined, hostname.optional()),
  /** Bedrock ids the PM and Dev workers may call, comma-separated; the first is the platform's model. */
  BEDROCK_MODEL_IDS: z.preprocess(splitList, modelIds.default([...BEDROCK.defaultModelIds])),
  /** Bedrock ids a test run may call (the models users pick); defaults to BEDROCK_MODEL_IDS. */
  TEST_RUN_MODEL_IDS: z.preprocess(splitList, modelIds.optional()),
});
export type DeployInputs = z.infer<typeof DeployInputs>;

export function parseDeployInputs(source: Record<string, string | undefined>): DeployInputs {
  const result = DeployInputs.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
  throw new Error(`Invalid deploy inputs (set them in the environment or .env before sst deploy):\n${lines.join("\n")}`);
}
