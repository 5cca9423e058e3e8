import { z } from "zod";

/**
 * The agent's content policy, deployed as an Amazon Bedrock Guardrail
 * (AWS::Bedrock::Guardrail) and applied to every model call. Absent = no guardrail.
 *
 * Limits are Bedrock's own (CreateGuardrail API reference, GuardrailTopicConfig,
 * GuardrailWordConfig; checked 2026-12-04) so a spec that parses also deploys.
 * PII entity type names are the resource specification's allowed values
 * (@aws-cdk/aws-service-spec, AWS::Bedrock::Guardrail PiiEntityConfig.Type);
 * tests/unit/spec/guardrails-spec.test.ts keeps the two lists equal.
 */

const wellFormed = (s: string) => (s as string & { isWellFormed(): boolean }).isWellFormed();
const Text = (max: number) =>
  z.string().trim().min(1).max(max).refine(wellFormed, { message: "contains a lone surrogate (invalid Unicode)" });

export const PII_ENTITY_TYPES = [
  "ADDRESS", "AGE", "AWS_ACCESS_KEY", "AWS_SECRET_KEY", "CA_HEALTH_NUMBER", "CA_SOCIAL_INSURANCE_NUMBER",
  "CREDIT_DEBIT_CARD_CVV", "CREDIT_DEBIT_CARD_EXPIRY", "CREDIT_DEBIT_CARD_NUMBER", "DRIVER_ID", "EMAIL",
  "INTERNATIONAL_BANK_ACCOUNT_NUMBER", "IP_ADDRESS", "LICENSE_PLATE", "MAC_ADDRESS", "NAME", "PASSWORD", "PHONE",
  "PIN", "SWIFT_CODE", "UK_NATIONAL_HEALTH_SERVICE_NUMBER", "UK_NATIONAL_INSURANCE_NUMBER",
  "UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER", "URL", "USERNAME", "US_BANK_ACCOUNT_NUMBER", "US_BANK_ROUTING_NUMBER",
  "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", "US_PASSPORT_NUMBER", "US_SOCIAL_SECURITY_NUMBER",
  "VEHICLE_IDENTIFICATION_NUMBER",
] as const;
export type PiiEntityType = (typeof PII_ENTITY_TYPES)[number];

export const DeniedTopic = z.object({
  /** Bedrock allows letters, digits, spaces and - _ ! ? . in a topic name. */
  name: z.string().trim().min(1).max(100).regex(/^[0-9a-zA-Z\-_ !?.]+$/, "use letters, digits, spaces and - _ ! ? . only"),
  definition: Text(200),
  examples: z.array(Text(100)).max(5).default([]),
});
export type DeniedTopic = z.infer<typeof DeniedTopic>;

export const PiiRule = z.object({
  type: z.enum(PII_ENTITY_TYPES),
  /** BLOCK refuses the message; ANONYMIZE masks the entity (e.g. {EMAIL}) and lets the rest through. */
  action: z.enum(["BLOCK", "ANONYMIZE"]),
});
export type PiiRule = z.infer<typeof PiiRule>;

const unique = <T>(key: (x: T) => string, what: string) => (xs: T[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  xs.forEach((x, i) => {
    const k = key(x);
    if (seen.has(k)) ctx.addIssue({ code: "custom", path: [i], message: `${what} '${k}' is listed twice` });
    seen.add(k);
  });
};

export const GuardrailsSpec = z.object({
  deniedTopics: z.array(DeniedTopic).max(30).default([]).superRefine(unique((t) => t.name.toLowerCase(), "topic")),
  pii: z.array(PiiRule).max(PII_ENTITY_TYPES.length).default([]).superRefine(unique((p) => p.type, "entity type")),
  /** Words and short phrases blocked in prompts and answers. */
  words: z.array(Text(100)).max(10_000).default([]).superRefine(unique((w) => w.toLowerCase(), "word")),
  /** Also block Bedrock's managed profanity list. */
  profanity: z.boolean().default(false),
  /** Contextual grounding: answers scoring below this (0–0.99) against their sources are blocked. */
  groundingThreshold: z.number().min(0).lt(1).optional(),
  /** What the user sees instead of a blocked prompt or answer. */
  blockedMessage: Text(500).default("Sorry, I can't help with that request."),
});
export type GuardrailsSpec = z.infer<typeof GuardrailsSpec>;
