import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { estimateCost } from "../../../server/cost/estimate";
import { defaultUsage } from "../../../server/cost/default-usage";
import type { CostUsageInput } from "../../../server/cost/inputs";
import type { CostEstimate } from "../../../server/cost/types";
import { AgentSpec, type AgentSpecInput } from "../../../server/spec/agent-spec";
import { deps, LLAMA4_MAVERICK, makeSpec, SONNET_45, SONNET_45_US } from "./fixtures";

/*
 * Worked examples, each computed by hand from registry/pricing.json (= shared/reference/
 * aws-pricing.json, us-east-1) and the litellm model prices in fixtures.ts, and checked
 * to the cent. 1 GB = 1,024 MB = 1,048,576 KB; a month is 730 hours.
 */

const QUIET = { logKbPerRequest: 0, dataOutKbPerRequest: 0, containerImageGb: 0 };
const estimate = (spec: AgentSpecInput, usage: CostUsageInput): CostEstimate => estimateCost(spec, usage, deps());
const line = (e: CostEstimate, service: string) => {
  const found = e.lines.find((l) => l.service === service);
  assert.ok(found, `no ${service} line in ${e.lines.map((l) => l.service).join(", ")}`);
  return found;
};
const noTokens = { inputTokens: 0, outputTokens: 0 };

describe("worked examples, exact to the cent", () => {
  test("1. Fargate ARM 0.25 vCPU + 0.5 GB for 730 hours", () => {
    // vCPU:   0.25 vCPU × 730 h = 182.5 vCPU-h × $0.03238 = $5.90935
    // memory: 0.5 GB × 730 h    = 365 GB-h     × $0.00356 = $1.29940
    // total $7.20875 → $7.21
    const e = estimate(
      makeSpec({ deployment: { target: "ecs-fargate", architecture: "arm64", cpu: 256, memoryMb: 512, desiredCount: 1, loadBalancer: false } }),
      { requestsPerMonth: 0, ...noTokens, infrastructure: QUIET },
    );
    assert.equal(line(e, "Fargate").monthly, 7.21);
    // The whole bill: Fargate $7.21 + 1 public IPv4 × 730 h × $0.005 = $3.65; model, logs $0.
    assert.equal(line(e, "Public IPv4").monthly, 3.65);
    assert.equal(e.total, 10.86);
  });

  test("2. Lambda arm64, 1M requests × 800 ms × 1,024 MB, without free tier", () => {
    // requests: 1,000,000 × $0.20/1M = $0.20
    // duration: 1,000,000 × 0.8 s × 1 GB = 800,000 GB-s × $0.0000133334 = $10.66672
    // total $10.86672 → $10.87
    const e = estimate(makeSpec(), { requestsPerMonth: 1_000_000, avgDurationMs: 800, ...noTokens, freeTier: false, infrastructure: QUIET });
    assert.equal(line(e, "Lambda").monthly, 10.87);
    assert.equal(line(e, "Lambda").freeTierSaving, 0);
  });

  test("3. the same Lambda with the always-free tier", () => {
    // requests: 1,000,000 − 1,000,000 free = 0 → $0
    // duration: 800,000 − 400,000 free = 400,000 GB-s × $0.0000133334 = $5.33336 → $5.33
    // free tier saves $10.87 − $5.33 = $5.54
    const e = estimate(makeSpec(), { requestsPerMonth: 1_000_000, avgDurationMs: 800, ...noTokens, freeTier: true, infrastructure: QUIET });
    assert.equal(line(e, "Lambda").monthly, 5.33);
    assert.equal(line(e, "Lambda").freeTierSaving, 5.54);
  });

  test("4. Lambda x86_64, same traffic, no free tier", () => {
    // $0.20 + 800,000 GB-s × $0.0000166667 = $0.20 + $13.33336 = $13.53336 → $13.53
    const spec = makeSpec({ deployment: { target: "lambda", architecture: "x86_64", memoryMb: 1024, timeoutSeconds: 120 } });
    const e = estimate(spec, { requestsPerMonth: 1_000_000, avgDurationMs: 800, ...noTokens, freeTier: false, infrastructure: QUIET });
    assert.equal(line(e, "Lambda").monthly, 13.53);
  });

  test("5. Claude Sonnet 4.5 on Bedrock, 10k requests/day × 2k in / 500 out", () => {
    // requests/month = 10,000 × 730 / 24 = 304,166.67
    // input:  304,166.67 × 2,000 = 608,333,333 tokens × $3/1M  = $1,825.00
    // output: 304,166.67 × 500   = 152,083,333 tokens × $15/1M = $2,281.25
    // total $4,106.25
    const spec = AgentSpec.parse(makeSpec({ requirements: { capabilities: [], requestsPerDay: 10_000 } }));
    const usage = defaultUsage(spec, { inputTokens: 2000, outputTokens: 500 });
    assert.equal(Math.round(usage.requestsPerMonth * 100) / 100, 304_166.67);
    assert.equal(line(estimate(spec, usage), "Bedrock model").monthly, 4106.25);
  });

  test("6. the same traffic on the us. cross-region profile costs more", () => {
    // input:  608,333,333 × $3.30/1M  = $2,007.50
    // output: 152,083,333 × $16.50/1M = $2,509.375
    // total $4,516.875 → $4,516.88 (half-up)
    const spec = AgentSpec.parse(
      makeSpec({ model: { id: SONNET_45_US.id, maxTokens: 4096 }, requirements: { capabilities: [], requestsPerDay: 10_000 } }),
    );
    const e = estimate(spec, defaultUsage(spec, { inputTokens: 2000, outputTokens: 500 }));
    assert.equal(line(e, "Bedrock model").monthly, 4516.88);
    assert.match(line(e, "Bedrock model").detail, /us\.anthropic\.claude-sonnet-4-5.*\$3\.3 in \/ \$16\.5 out/);
  });

  test("7. AgentCore: 100k sessions × 10 s, 1 vCPU 30% active, 2 GB", () => {
    // session time = 100,000 × 10 s / 3,600 = 277.78 h
    // active vCPU = 277.78 h × 1 vCPU × 0.3 = 83.33 vCPU-h × $0.0895 = $7.458333
    // memory      = 277.78 h × 2 GB          = 555.56 GB-h  × $0.00945 = $5.25
    // total $12.708333 → $12.71
    const spec = makeSpec({ deployment: { target: "agentcore", vcpu: 1, memoryGb: 2 } });
    const e = estimate(spec, { requestsPerMonth: 100_000, avgDurationMs: 10_000, activeCpuShare: 0.3, ...noTokens, infrastructure: QUIET });
    assert.equal(line(e, "AgentCore Runtime").monthly, 12.71);
  });

  test("8. DynamoDB conversation memory: 1M requests × 2 writes + 1 read", () => {
    // writes: 2,000,000 WRU × $0.625/1M = $1.25
    // reads:  1,000,000 RRU × $0.125/1M = $0.125
    // storage: 2,000,000 KB = 1.9073 GB, inside the 25 GB always free → $0
    // total $1.375 → $1.38 (half-up); without free tier + 1.9073 × $0.25 = $0.476837 → $1.851837 → $1.85
    const spec = makeSpec({ memory: { type: "dynamodb", windowSize: 20 } });
    const usage = { requestsPerMonth: 1_000_000, ...noTokens, infrastructure: QUIET };
    assert.equal(line(estimate(spec, usage), "DynamoDB").monthly, 1.38);
    assert.equal(line(estimate(spec, { ...usage, freeTier: false }), "DynamoDB").monthly, 1.85);
  });

  test("9. S3: 100 GB, 1M PUT, 10M GET, with and without the legacy 12-month tier", () => {
    // no legacy: 100 × $0.023 = $2.30; 1,000 × $0.005 = $5.00; 10,000 × $0.0004 = $4.00 → $11.30
    // legacy:    95 × $0.023 = $2.185; 998 × $0.005 = $4.99; 9,980 × $0.0004 = $3.992 → $11.167 → $11.17
    const infrastructure = { ...QUIET, s3StorageGb: 100, s3PutsPerMonth: 1_000_000, s3GetsPerMonth: 10_000_000 };
    const usage = { requestsPerMonth: 0, ...noTokens, infrastructure };
    assert.equal(line(estimate(makeSpec(), usage), "S3").monthly, 11.3);
    assert.equal(line(estimate(makeSpec(), { ...usage, legacyFreeTier: true }), "S3").monthly, 11.17);
  });

  test("10. NAT gateway: 1 × 730 h plus 100 GB processed", () => {
    // hours: 730 × $0.045 = $32.85; data: 1,048,576 requests × 100 KB = 100 GB × $0.045 = $4.50 → $37.35
    // its Elastic IP: 1 address × 730 h × $0.005 = $3.65
    const infrastructure = { ...QUIET, natGateways: 1, natKbPerRequest: 100 };
    const e = estimate(makeSpec(), { requestsPerMonth: 1_048_576, ...noTokens, infrastructure });
    assert.equal(line(e, "NAT Gateway").monthly, 37.35);
    assert.equal(line(e, "Public IPv4").monthly, 3.65);
  });

  test("11. Application Load Balancer in front of Fargate at 1 request/second", () => {
    // hours: 730 × $0.0225 = $16.425
    // LCU: 2,628,000 requests / 730 h = 3,600/h = 1 new connection/s ÷ 25 = 0.04 LCU
    //      (bytes: 3,600 × 4 KB = 0.0137 GB/h < 0.04) → 0.04 × 730 h = 29.2 LCU-h × $0.008 = $0.2336
    // total $16.6586 → $16.66
    const spec = makeSpec({ deployment: { target: "ecs-fargate", architecture: "arm64", cpu: 256, memoryMb: 512, desiredCount: 1, loadBalancer: true } });
    const e = estimate(spec, { requestsPerMonth: 2_628_000, ...noTokens, infrastructure: { ...QUIET, dataOutKbPerRequest: 4 } });
    assert.equal(line(e, "Load Balancer").monthly, 16.66);
    // 1 task + 2 ALB addresses × 730 h × $0.005 = $10.95
    assert.equal(line(e, "Public IPv4").monthly, 10.95);
  });

  test("12. CloudWatch Logs: 10 GB ingested, kept one month; the unverified 5 GB is not applied", () => {
    // 1,048,576 requests × 10 KB = 10 GB × $0.50 = $5.00; storage 10 GB-month × $0.03 = $0.30 → $5.30
    const e = estimate(makeSpec(), { requestsPerMonth: 1_048_576, ...noTokens, freeTier: true, infrastructure: { ...QUIET, logKbPerRequest: 10 } });
    assert.equal(line(e, "CloudWatch Logs").monthly, 5.3);
    assert.equal(line(e, "CloudWatch Logs").freeTierSaving, 0);
  });

  test("13. X-Ray: 1M traces, 100k always free", () => {
    // (1,000,000 − 100,000) × $5/1M = $4.50; without free tier $5.00
    const spec = makeSpec({ observability: { logLevel: "info", tracing: true, metrics: true } });
    const usage = { requestsPerMonth: 1_000_000, ...noTokens, infrastructure: QUIET };
    assert.equal(line(estimate(spec, usage), "X-Ray").monthly, 4.5);
    assert.equal(line(estimate(spec, { ...usage, freeTier: false }), "X-Ray").monthly, 5);
  });

  test("14. Secrets Manager on AgentCore: 1 secret read once per session", () => {
    // 1 secret × $0.40 + 100,000 reads × $0.05/10,000 = $0.40 + $0.50 = $0.90
    const spec = makeSpec({
      deployment: { target: "agentcore", vcpu: 1, memoryGb: 2 },
      tools: [{ id: "http_request", config: {} }],
      security: { maxInputChars: 20_000, secretsSource: "secrets-manager" },
    });
    const e = estimate(spec, { requestsPerMonth: 100_000, ...noTokens, infrastructure: QUIET });
    assert.equal(line(e, "Secrets Manager").monthly, 0.9);
  });

  test("15. data transfer out: 1 TB at $0.09/GB", () => {
    // 1,048,576 requests × 1,024 KB = 1,024 GB × $0.09 = $92.16
    const e = estimate(makeSpec(), { requestsPerMonth: 1_048_576, ...noTokens, infrastructure: { ...QUIET, dataOutKbPerRequest: 1024 } });
    assert.equal(line(e, "Data transfer out").monthly, 92.16);
  });

  test("16. prompt cache: half the input read from cache", () => {
    // 1M requests × 2,000 in = 2,000M tokens: 1,000M × $3/1M = $3,000 + 1,000M × $0.30/1M = $300
    // output 500M × $15/1M = $7,500 → $10,800.00
    const e = estimate(makeSpec(), { requestsPerMonth: 1_000_000, inputTokens: 2000, outputTokens: 500, cachedInputShare: 0.5, infrastructure: QUIET });
    assert.equal(line(e, "Bedrock model").monthly, 10_800);
  });

  test("17. tool round trips re-send the input; reasoning bills as output", () => {
    // 1 round trip → 2 calls × 1,000 in = 2,000 in/request; output 300 + 200 reasoning = 500
    // 100,000 × 2,000 = 200M × $3/1M = $600; 100,000 × 500 = 50M × $15/1M = $750 → $1,350.00
    const usage = { requestsPerMonth: 100_000, inputTokens: 1000, outputTokens: 300, reasoningTokens: 200, toolRoundTrips: 1, infrastructure: QUIET };
    assert.equal(line(estimate(makeSpec(), usage), "Bedrock model").monthly, 1350);
  });

  test("18. batch inference where the model has batch prices (Llama 4 Maverick)", () => {
    // on demand: 1,000M in × $0.24 = $240 + 100M out × $0.97 = $97 → $337.00
    // batch:     1,000M in × $0.12 = $120 + 100M out × $0.485 = $48.50 → $168.50
    const spec = makeSpec({ model: { id: LLAMA4_MAVERICK.id, maxTokens: 1024 } });
    const usage = { requestsPerMonth: 1_000_000, inputTokens: 1000, outputTokens: 100, infrastructure: QUIET };
    assert.equal(line(estimate(spec, usage), "Bedrock model").monthly, 337);
    assert.equal(line(estimate(spec, { ...usage, batchShare: 1 }), "Bedrock model").monthly, 168.5);
  });

  test("19. API Gateway HTTP API: 1M calls, free only under the legacy offer", () => {
    // 1,000,000 × $1.00/1M = $1.00; legacy 12-month: 1M free → $0.00
    const usage = { requestsPerMonth: 1_000_000, ...noTokens, infrastructure: { ...QUIET, apiGateway: "http" as const } };
    assert.equal(line(estimate(makeSpec(), usage), "API Gateway").monthly, 1);
    assert.equal(line(estimate(makeSpec(), { ...usage, legacyFreeTier: true }), "API Gateway").monthly, 0);
  });

  test("20. a whole Lambda bill adds up line by line", () => {
    // model: 100,000 × 1,000 in × $3/1M = $300 + 100,000 × 200 out × $15/1M = $300 → $600.00
    // Lambda: 100,000 req (free) + 100,000 × 2 s × 0.5 GB = 100,000 GB-s (free) → $0.00
    // logs: 100,000 × 2 KB = 0.190735 GB × $0.50 = $0.095367 + × $0.03 = $0.005722 → $0.10
    // data out: 100,000 × 4 KB = 0.381470 GB × $0.09 = $0.034332 → $0.03
    // total $600.13; per request $600.13 / 100,000 = $0.0060013
    const spec = makeSpec({ deployment: { target: "lambda", architecture: "arm64", memoryMb: 512, timeoutSeconds: 60 } });
    const e = estimate(spec, { requestsPerMonth: 100_000, inputTokens: 1000, outputTokens: 200, avgDurationMs: 2000 });
    assert.deepEqual(
      e.lines.map((l) => [l.service, l.monthly]),
      [["Bedrock model", 600], ["Lambda", 0], ["CloudWatch Logs", 0.1], ["Data transfer out", 0.03]],
    );
    assert.equal(e.total, 600.13);
    assert.equal(e.perRequest, 0.006001);
    assert.equal(SONNET_45.pricing.inputPer1M, 3);
  });
});
