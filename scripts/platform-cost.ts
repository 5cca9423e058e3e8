/**
 * Prints the platform's own monthly AWS cost as markdown, computed by the cost estimator
 * from the deployment's parameters (for docs/deployment.md).
 * Usage: npx tsx scripts/platform-cost.ts [--alb] [--no-free-tier] [--json '{"web":{"invocationsPerMonth":100000}}']
 */
import { parseArgs } from "node:util";
import { estimatePlatformIdleCost, type PlatformCostParams } from "../server/cost/platform-estimate";
import { fmtUsd } from "../server/cost/format";
import type { PlatformCostEstimate } from "../server/cost/platform-estimate";

export function platformCostMarkdown(title: string, e: PlatformCostEstimate): string {
  const rows = e.lines.map((l) => `| ${l.service} | ${l.monthly === null ? "price unknown" : fmtUsd(l.monthly)} | ${l.detail.replaceAll("|", "\\|")} |`);
  const total = `**${fmtUsd(e.total)}**${e.totalExcludesUnknown ? ` (excludes: ${e.unknownServices.join(", ")})` : ""}`;
  return [
    `### ${title}`,
    "",
    "| Service | Monthly (USD) | How |",
    "|---|---:|---|",
    ...rows,
    `| **Total** | ${total} | free tier saves ${fmtUsd(e.freeTierSaving)} |`,
    "",
    "Assumptions: " + e.assumptions.map((a) => `${a.key} = ${String(a.value)} (${a.note})`).join("; ") + ".",
    "",
  ].join("\n");
}

function main() {
  const { values } = parseArgs({
    options: { alb: { type: "boolean", default: false }, "no-free-tier": { type: "boolean", default: false }, json: { type: "string" } },
  });
  const extra = values.json ? (JSON.parse(values.json) as PlatformCostParams) : {};
  const params = (loadBalancer: boolean): PlatformCostParams => ({
    ...extra,
    freeTier: !values["no-free-tier"],
    realtime: { ...extra.realtime, loadBalancer },
  });
  const variants = values.alb ? [true] : [false, true];
  for (const alb of variants) {
    const title = `Idle platform, WebSocket service ${alb ? "behind an ALB" : "without a load balancer"}`;
    process.stdout.write(platformCostMarkdown(title, estimatePlatformIdleCost(params(alb))) + "\n");
  }
}

if (process.argv[1]?.endsWith("platform-cost.ts")) main();
