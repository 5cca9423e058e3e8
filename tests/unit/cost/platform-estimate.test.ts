import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { estimatePlatformIdleCost } from "../../../server/cost/platform-estimate";
import { DomainError } from "../../../server/errors";
import { platformCostMarkdown } from "../../../scripts/platform-cost";

const line = (e: ReturnType<typeof estimatePlatformIdleCost>, service: string) => e.lines.find((l) => l.service === service);

describe("the platform's own deployment (dogfooding)", () => {
  test("idle, WebSocket service without a load balancer", () => {
    const e = estimatePlatformIdleCost();
    // Fargate ARM 0.25 vCPU + 0.5 GB × 730 h = $5.90935 + $1.2994 = $7.20875 → $7.21
    assert.equal(line(e, "Fargate")?.monthly, 7.21);
    // its public IPv4: 730 h × $0.005 = $3.65
    assert.equal(line(e, "Public IPv4")?.monthly, 3.65);
    // SQS idle polling: 4 queues × 5 pollers × 730 h × 3,600 s / 20 s = 2,628,000 − 1,000,000 free
    //   = 1,628,000 × $0.40/1M = $0.6512 → $0.65
    assert.equal(line(e, "SQS")?.monthly, 0.65);
    // S3: 5 GB × $0.023 = $0.115 → $0.12 (half-up); DynamoDB 1 GB inside 25 GB free → $0
    assert.equal(line(e, "S3")?.monthly, 0.12);
    assert.equal(line(e, "DynamoDB")?.monthly, 0);
    // logs 1 GB × $0.50 + 1 GB-month × $0.03 = $0.53; 2 secrets × $0.40 = $0.80; Lambda idle $0
    assert.equal(line(e, "CloudWatch Logs")?.monthly, 0.53);
    assert.equal(line(e, "Secrets Manager")?.monthly, 0.8);
    assert.equal(line(e, "Lambda")?.monthly, 0);
    // 7.21 + 3.65 + 0.65 + 0.12 + 0 + 0.53 + 0.80 + 0 = $12.96
    assert.equal(e.total, 12.96);
    assert.deepEqual(e.unknownServices, ["CloudWatch alarms", "CloudFront", "Neon Postgres"]);
    assert.equal(e.totalExcludesUnknown, true);
  });

  test("with an ALB in front of the WebSocket service", () => {
    const e = estimatePlatformIdleCost({ realtime: { loadBalancer: true } });
    // ALB 730 h × $0.0225 = $16.425 → $16.43; IPv4: 1 task + 2 ALB = 3 × 730 × $0.005 = $10.95
    assert.equal(line(e, "Load Balancer")?.monthly, 16.43);
    assert.equal(line(e, "Public IPv4")?.monthly, 10.95);
    // 12.96 − 3.65 + 10.95 + 16.43 = $36.69
    assert.equal(e.total, 36.69);
  });

  test("with traffic: one account-wide Lambda free tier across the five functions", () => {
    // web 2M × 200 ms × 1 GB = 400,000 GB-s; 4 workers × 100k × 1 s × 1 GB = 400,000 GB-s → 800,000 GB-s
    // requests 2.4M − 1M free = 1.4M × $0.20/1M = $0.28; 800,000 − 400,000 free = 400,000 × $0.0000133334 = $5.33336
    // → $5.61336 → $5.61
    const e = estimatePlatformIdleCost({ web: { invocationsPerMonth: 2_000_000 }, workers: { invocationsPerMonth: 100_000 } });
    assert.equal(line(e, "Lambda")?.monthly, 5.61);
  });

  test("bad parameters name the field", () => {
    assert.throws(
      () => estimatePlatformIdleCost({ realtime: { tasks: -1 } }),
      (e: unknown) => e instanceof DomainError && e.details?.field === "realtime.tasks",
    );
  });

  test("the markdown table for docs/deployment.md", () => {
    const md = platformCostMarkdown("Idle", estimatePlatformIdleCost());
    assert.match(md, /\| Fargate \| \$7\.21 \|/);
    assert.match(md, /\| CloudFront \| price unknown \|/);
    assert.match(md, /\*\*Total\*\* \| \*\*\$12\.96\*\* \(excludes: CloudWatch alarms, CloudFront, Neon Postgres\)/);
  });
});
