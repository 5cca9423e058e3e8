import pricingJson from "../../registry/pricing.json";
import { DomainError } from "../errors";
import { PricingFile, type FreeTierKind, type PriceItem, type RegionServices } from "./pricing-schema";

export type { PricingFile, RegionServices } from "./pricing-schema";

let cached: PricingFile | undefined;

/**
 * Parses a pricing document; a bad entry fails loudly with every offending path named.
 * Used for registry/pricing.json at load and by tests with fixture documents.
 */
export function parsePricing(input: unknown, label = "registry/pricing.json"): PricingFile {
  const result = PricingFile.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`);
  throw new DomainError("unavailable", `${label} is invalid: ${issues.join("; ")}`, { issues });
}

/** registry/pricing.json, validated once per process. */
export function loadPricing(): PricingFile {
  return (cached ??= parsePricing(pricingJson));
}

/** The services priced for a region, or null when the file has no prices for it. */
export function regionServices(pricing: PricingFile, region: string): RegionServices | null {
  return pricing.regions[region]?.services ?? null;
}

/** The unit price, or null when unknown (no region prices, or the source gave none). */
export const priceOf = (item: PriceItem | undefined): number | null => item?.value ?? null;

/** Which free-tier offers the caller wants applied. */
export type FreeTierOptions = { freeTier: boolean; legacyFreeTier: boolean };

/**
 * The allowance that applies: always-free offers when the free tier is on, legacy
 * 12-month offers only when the account predates 2025-07-15 (legacyFreeTier), nothing
 * for trial, unknown or unverified terms.
 */
export function allowanceOf(
  offer: ({ kind: FreeTierKind } & Record<string, unknown>) | undefined,
  key: string,
  options: FreeTierOptions,
): number {
  if (!offer || !options.freeTier) return 0;
  const applies = offer.kind === "always-free" || (offer.kind === "legacy-12-month" && options.legacyFreeTier);
  const amount = offer[key];
  return applies && typeof amount === "number" ? amount : 0;
}
