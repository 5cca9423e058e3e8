import { allowanceOf, priceOf, type FreeTierOptions, type RegionServices } from "../pricing";
import { charge, type LineDraft } from "../line";

/**
 * CloudWatch Logs ingestion and storage. The 5 GB allowance in the sources does not say
 * whether it is always free, so it is not applied (kind "unverified").
 */
export function logsLine(svc: RegionServices | null, q: { ingestGb: number; storedGb: number }, ft: FreeTierOptions): LineDraft {
  const c = svc?.cloudwatch_logs;
  return {
    service: "CloudWatch Logs",
    category: "observability",
    charges: [
      charge("ingestion", q.ingestGb, "GB", priceOf(c?.ingestion_standard_per_gb), 1, allowanceOf(c?.free_tier, "ingestion_gb_per_month", ft)),
      charge("storage", q.storedGb, "GB-month", priceOf(c?.storage_archive_per_gb_month)),
    ],
  };
}

/** X-Ray traces recorded (one per request); 100,000 a month always free. */
export function xrayLine(svc: RegionServices | null, q: { traces: number }, ft: FreeTierOptions): LineDraft {
  const x = svc?.xray;
  return {
    service: "X-Ray",
    category: "observability",
    charges: [
      charge("traces recorded", q.traces, "traces", priceOf(x?.traces_recorded_per_1m), 1e6, allowanceOf(x?.free_tier, "traces_recorded_per_month", ft)),
    ],
  };
}
