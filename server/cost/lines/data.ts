import { allowanceOf, priceOf, type FreeTierOptions, type RegionServices } from "../pricing";
import { charge, tieredCharge, type LineDraft } from "../line";

/** DynamoDB on-demand: request units, plus storage after the always-free 25 GB. */
export function dynamoDbLine(
  svc: RegionServices | null,
  q: { writeUnits: number; readUnits: number; storageGb: number },
  ft: FreeTierOptions,
): LineDraft {
  const d = svc?.dynamodb;
  return {
    service: "DynamoDB",
    category: "data",
    charges: [
      charge("writes", q.writeUnits, "WRU", priceOf(d?.on_demand_write_per_1m_wru), 1e6),
      charge("reads", q.readUnits, "RRU", priceOf(d?.on_demand_read_per_1m_rru), 1e6),
      charge("storage", q.storageGb, "GB-month", priceOf(d?.storage_standard_per_gb_month), 1, allowanceOf(d?.free_tier, "storage_gb", ft)),
    ],
  };
}

/** S3 Standard: storage and requests; its free tier is a legacy 12-month offer. */
export function s3Line(
  svc: RegionServices | null,
  q: { storageGb: number; puts: number; gets: number },
  ft: FreeTierOptions,
): LineDraft {
  const s = svc?.s3_standard;
  const storageTiers = [{ price: priceOf(s?.storage_per_gb_month_first_50tb), upTo: s?.storage_per_gb_month_first_50tb.tierUpTo ?? null }];
  // Beyond the first 50 TB the reference gives no price: an open tier with price unknown.
  if (storageTiers[0]!.upTo !== null) storageTiers.push({ price: null, upTo: null });
  return {
    service: "S3",
    category: "data",
    charges: [
      tieredCharge("storage", q.storageGb, "GB-month", storageTiers, 1, allowanceOf(s?.free_tier, "storage_gb", ft)),
      charge("PUT/COPY/POST/LIST", q.puts, "requests", priceOf(s?.put_copy_post_list_per_1000), 1000, allowanceOf(s?.free_tier, "put_requests", ft)),
      charge("GET/SELECT", q.gets, "requests", priceOf(s?.get_select_per_1000), 1000, allowanceOf(s?.free_tier, "get_requests", ft)),
    ],
  };
}

/** ECR private storage; 500 MB/month is a legacy 12-month offer. 1 GB = 1,024 MB. */
export function ecrLine(svc: RegionServices | null, q: { storageGb: number }, ft: FreeTierOptions): LineDraft {
  const e = svc?.ecr;
  const freeGb = allowanceOf(e?.free_tier, "private_storage_mb_per_month", ft) / 1024;
  return {
    service: "ECR",
    category: "data",
    charges: [charge("image storage", q.storageGb, "GB-month", priceOf(e?.private_storage_per_gb_month), 1, freeGb)],
  };
}

/** Secrets Manager: per secret per month plus API calls (its free offer is a 30-day trial). */
export function secretsLine(svc: RegionServices | null, q: { secrets: number; apiCalls: number }): LineDraft {
  const s = svc?.secrets_manager;
  return {
    service: "Secrets Manager",
    category: "security",
    charges: [
      charge("secrets", q.secrets, "secret-months", priceOf(s?.per_secret_month)),
      charge("API calls", q.apiCalls, "calls", priceOf(s?.per_10k_api_calls), 10_000),
    ],
  };
}
