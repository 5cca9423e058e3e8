import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { runCli } from "../../helpers/cli";

/** `agent-builder estimate`, spawned through the package's bin entry as a user runs it. */

const work = mkdtempSync(join(tmpdir(), "agent-builder-estimate-"));
after(() => rmSync(work, { recursive: true, force: true }));

const cli = (args: string[]) => runCli(args, { cwd: work });

const write = (name: string, content: string) => {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
};

/** In-region Claude Sonnet 4.6 from registry/models.json: $3 in / $15 out per 1M tokens. */
const SPEC = {
  name: "spawn-agent",
  description: "Answers questions",
  systemPrompt: "You help.",
  model: { id: "anthropic.claude-sonnet-4-6" },
  deployment: { target: "lambda" },
  observability: { tracing: false },
};

describe("agent-builder estimate (spawned)", () => {
  test("--json prints the total and one line per service, to the cent", async () => {
    const spec = write("spec.json", JSON.stringify(SPEC));
    const r = await cli(["estimate", spec, "--json", "--requests-per-month", "1000000", "--input-tokens", "2000", "--output-tokens", "500", "--no-free-tier"]);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out) as { total: number; currency: string; lines: { service: string; monthly: number | null }[] };
    // model: 1M × (2,000 × $3 + 500 × $15) / 1M = $6,000 + $7,500 = $13,500.00
    // Lambda arm64, no free tier: 1M × $0.20/1M + 1M × 10 s × 1 GB = 10,000,000 GB-s × $0.0000133334 = $133.334 → $133.534 → $133.53
    // logs: 1M × 2 KB = 1.9073 GB × ($0.50 ingest + $0.03 stored) = $1.0109 → $1.01
    // data out: 1M × 4 KB = 3.8147 GB × $0.09 = $0.3433 → $0.34
    assert.deepEqual(json.lines.map((l) => [l.service, l.monthly]), [
      ["Bedrock model", 13_500],
      ["Lambda", 133.53],
      ["CloudWatch Logs", 1.01],
      ["Data transfer out", 0.34],
    ]);
    assert.equal(json.total, 13_634.88);
    assert.equal(json.currency, "USD");
  });

  test("the table reads traffic from a YAML spec", async () => {
    const yaml = [
      "name: yaml-agent",
      "description: d",
      "systemPrompt: You help.",
      "model: { id: anthropic.claude-sonnet-4-6 }",
      "deployment: { target: lambda }",
      "observability: { tracing: false }",
      "requirements: { requestsPerDay: 48 }",
    ].join("\n");
    const r = await cli(["estimate", write("spec.yaml", yaml), "--input-tokens", "1000", "--output-tokens", "100"]);
    assert.equal(r.code, 0, r.err);
    // 48 × 730 / 24 = 1,460 requests × (1,000 × $3 + 100 × $15) / 1M = 1,460 × $0.0045 = $6.57
    assert.match(r.out, /Bedrock model\s+\$6\.57/);
    assert.match(r.out, /Usage: estimated/);
  });

  test("a bad figure exits 1 naming the flag; a bad spec exits 2 naming the field", async () => {
    const spec = write("ok.json", JSON.stringify(SPEC));
    const bad = await cli(["estimate", spec, "--requests-per-month=-3", "--input-tokens", "1", "--output-tokens", "1"]);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /requestsPerMonth must be at least 0 \(--requests-per-month\)/);
    const invalid = await cli(["estimate", write("bad.json", JSON.stringify({ ...SPEC, deployment: { target: "lambda", memoryMb: 64 } })), "--requests-per-month", "1"]);
    assert.equal(invalid.code, 2);
    assert.match(invalid.err, /deployment\.memoryMb/);
  });

  test("the command is listed in the CLI's help", async () => {
    const r = await cli(["--help"]);
    assert.equal(r.code, 0);
    assert.match(r.out, /estimate\s+estimate the monthly AWS cost of a spec/);
  });
});
