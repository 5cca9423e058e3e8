import { allowanceOf, priceOf, type FreeTierOptions, type RegionServices } from "../pricing";
import { charge, tieredCharge, type LineDraft } from "../line";

/** Lambda: requests plus GB-seconds, graduated by architecture; always-free allowance. */
export function lambdaLine(
  svc: RegionServices | null,
  q: { requests: number; gbSeconds: number; architecture: "arm64" | "x86_64" },
  ft: FreeTierOptions,
): LineDraft {
  const l = svc?.lambda;
  const tiers =
    q.architecture === "arm64"
      ? [l?.duration_per_gb_second_arm64, l?.duration_per_gb_second_arm64_next_11_25b, l?.duration_per_gb_second_arm64_over_18_75b]
      : [l?.duration_per_gb_second_x86, l?.duration_per_gb_second_x86_next_9b, l?.duration_per_gb_second_x86_over_15b];
  return {
    service: "Lambda",
    category: "compute",
    charges: [
      charge("requests", q.requests, "requests", priceOf(l?.requests_per_1m), 1e6, allowanceOf(l?.free_tier, "requests_per_month", ft)),
      tieredCharge(
        `duration (${q.architecture})`,
        q.gbSeconds,
        "GB-s",
        tiers.map((t) => ({ price: priceOf(t), upTo: t?.tierUpTo ?? null })),
        1,
        allowanceOf(l?.free_tier, "gb_seconds_per_month", ft),
      ),
    ],
  };
}

/** Fargate: tasks × (vCPU × vCPU-hour + GB × GB-hour) × hours; no free tier. */
export function fargateLine(
  svc: RegionServices | null,
  q: { tasks: number; vcpu: number; memoryGb: number; hours: number; architecture: "arm64" | "x86_64" },
): LineDraft {
  const f = svc?.fargate;
  const arm = q.architecture === "arm64";
  const vcpuPrice = priceOf(arm ? f?.linux_arm_per_vcpu_hour : f?.linux_x86_per_vcpu_hour);
  const gbPrice = priceOf(arm ? f?.linux_arm_per_gb_hour : f?.linux_x86_per_gb_hour);
  const arch = arm ? "ARM" : "x86";
  return {
    service: "Fargate",
    category: "compute",
    charges: [
      charge(`vCPU (${arch}, ${q.tasks} task × ${q.vcpu} vCPU × ${q.hours} h)`, q.tasks * q.vcpu * q.hours, "vCPU-h", vcpuPrice),
      charge(`memory (${q.tasks} task × ${q.memoryGb} GB × ${q.hours} h)`, q.tasks * q.memoryGb * q.hours, "GB-h", gbPrice),
    ],
  };
}

/**
 * AgentCore Runtime: CPU is billed only while active (not during I/O wait), memory for
 * the whole session. The sources do not name the region of these rates.
 */
export function agentCoreLine(svc: RegionServices | null, q: { activeVcpuHours: number; gbHours: number }): LineDraft {
  const a = svc?.bedrock_agentcore;
  return {
    service: "AgentCore Runtime",
    category: "compute",
    charges: [
      charge("active vCPU", q.activeVcpuHours, "vCPU-h", priceOf(a?.runtime_per_vcpu_hour)),
      charge("memory", q.gbHours, "GB-h", priceOf(a?.runtime_per_gb_hour)),
    ],
    note: "AgentCore has no free tier in the sources; its rates' region is not stated by them",
  };
}

/** AgentCore Memory short-term events (long-term records and retrievals not modelled). */
export function agentCoreMemoryLine(svc: RegionServices | null, q: { events: number }): LineDraft {
  const a = svc?.bedrock_agentcore;
  return {
    service: "AgentCore Memory",
    category: "data",
    charges: [charge("short-term events", q.events, "events", priceOf(a?.memory_short_term_per_1000_new_events), 1000)],
  };
}
