import { allowanceOf, priceOf, type FreeTierOptions, type RegionServices } from "../pricing";
import { charge, tieredCharge, type LineDraft, type Tier } from "../line";

/** NAT gateway hours plus GB processed (no free tier). */
export function natLine(svc: RegionServices | null, q: { gateways: number; hours: number; gbProcessed: number }): LineDraft {
  const n = svc?.nat_gateway;
  return {
    service: "NAT Gateway",
    category: "network",
    charges: [
      charge(`${q.gateways} gateway × ${q.hours} h`, q.gateways * q.hours, "gateway-h", priceOf(n?.per_hour)),
      charge("data processed", q.gbProcessed, "GB", priceOf(n?.per_gb_processed)),
    ],
  };
}

/**
 * Application Load Balancer hours plus LCU-hours. The legacy free tier (750 h, 15 LCUs)
 * is read as 15 LCUs on average during the free hours. The source does not name its region.
 */
export function loadBalancerLine(
  svc: RegionServices | null,
  q: { balancers: number; hours: number; lcus: number },
  ft: FreeTierOptions,
): LineDraft {
  const a = svc?.application_load_balancer;
  const freeHours = allowanceOf(a?.free_tier, "alb_hours", ft);
  const freeLcuHours = allowanceOf(a?.free_tier, "lcus", ft) * Math.min(freeHours, q.hours);
  return {
    service: "Load Balancer",
    category: "network",
    charges: [
      charge(`${q.balancers} ALB × ${q.hours} h`, q.balancers * q.hours, "ALB-h", priceOf(a?.per_alb_hour), 1, freeHours),
      charge(`capacity (${q.lcus.toFixed(4)} LCU avg)`, q.lcus * q.hours, "LCU-h", priceOf(a?.per_lcu_hour), 1, freeLcuHours),
    ],
    note: "ALB rates from a page that does not name its region",
  };
}

export function publicIpv4Line(svc: RegionServices | null, q: { addresses: number; hours: number }): LineDraft {
  return {
    service: "Public IPv4",
    category: "network",
    charges: [
      charge(`${q.addresses} address × ${q.hours} h`, q.addresses * q.hours, "address-h", priceOf(svc?.data_transfer_out_internet.public_ipv4_per_hour)),
    ],
  };
}

/** Internet egress, graduated; the 100 GB allowance is unverified and never applied. */
export function dataTransferLine(svc: RegionServices | null, q: { gb: number }): LineDraft {
  const d = svc?.data_transfer_out_internet;
  const tiers: Tier[] = [d?.per_gb_first_10tb, d?.per_gb_next_40tb, d?.per_gb_next_100tb, d?.per_gb_over_150tb].map((t) => ({
    price: priceOf(t),
    upTo: t?.tierUpTo ?? null,
  }));
  return {
    service: "Data transfer out",
    category: "network",
    charges: [tieredCharge("to the internet", q.gb, "GB", tiers)],
    note: "the 100 GB/month free allowance is unverified in the sources and not applied",
  };
}

/** API Gateway requests: HTTP API graduated; REST priced up to 333M (beyond: unknown). */
export function apiGatewayLine(
  svc: RegionServices | null,
  q: { kind: "http" | "rest"; requests: number },
  ft: FreeTierOptions,
): LineDraft {
  const g = svc?.api_gateway;
  const tiers: Tier[] =
    q.kind === "http"
      ? [g?.http_api_per_1m_first_300m, g?.http_api_per_1m_over_300m].map((t) => ({ price: priceOf(t), upTo: t?.tierUpTo ?? null }))
      : [
          { price: priceOf(g?.rest_api_per_1m_first_333m), upTo: g?.rest_api_per_1m_first_333m.tierUpTo ?? null },
          { price: null, upTo: null },
        ];
  const free = allowanceOf(g?.free_tier, q.kind === "http" ? "http_calls" : "rest_calls", ft);
  return {
    service: "API Gateway",
    category: "network",
    charges: [tieredCharge(`${q.kind.toUpperCase()} API calls`, q.requests, "requests", tiers, 1e6, free)],
  };
}

/** SQS standard queue requests, graduated; 1M requests/month always free. */
export function sqsLine(svc: RegionServices | null, q: { requests: number }, ft: FreeTierOptions): LineDraft {
  const s = svc?.sqs;
  const tiers: Tier[] = [s?.standard_per_1m_requests, s?.standard_per_1m_next_100b, s?.standard_per_1m_over_200b].map((t) => ({
    price: priceOf(t),
    upTo: t?.tierUpTo ?? null,
  }));
  return {
    service: "SQS",
    category: "messaging",
    charges: [tieredCharge("standard requests", q.requests, "requests", tiers, 1e6, allowanceOf(s?.free_tier, "requests_per_month", ft))],
  };
}
