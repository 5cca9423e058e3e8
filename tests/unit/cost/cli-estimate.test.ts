import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { estimateCommand } from "../../../server/cli/commands/estimate";
import { deps, makeSpec, SONNET_45_US } from "./fixtures";

let dir: string;
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

async function cli(argv: string[]) {
  let out = "";
  let err = "";
  const code = await estimateCommand(argv, { out: (t) => void (out += t), err: (t) => void (err += t), deps: () => deps() });
  return { code, out, err };
}

describe("agent-builder estimate", () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "cost-cli-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("--json prints total and one line per service", async () => {
    const spec = file("a.json", JSON.stringify(makeSpec({ model: { id: SONNET_45_US.id, maxTokens: 4096 } })));
    const r = await cli([spec, "--json", "--requests-per-month", "1000000", "--input-tokens", "2000", "--output-tokens", "500", "--no-free-tier"]);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out) as { total: number; lines: { service: string; monthly: number | null }[] };
    // model: 2,000M × $3.30/1M + 500M × $16.50/1M = $6,600 + $8,250 = $14,850.00
    // Lambda (no free tier): $0.20 + 1M × 10 s × 1 GB = 10,000,000 GB-s × $0.0000133334 = $133.334 → $133.53
    // logs: 1M × 2 KB = 1.9073 GB × $0.53 = $1.0109 → $1.01; data out: 3.8147 GB × $0.09 = $0.3433 → $0.34
    assert.deepEqual(json.lines.map((l) => [l.service, l.monthly]), [
      ["Bedrock model", 14_850],
      ["Lambda", 133.53],
      ["CloudWatch Logs", 1.01],
      ["Data transfer out", 0.34],
    ]);
    assert.equal(json.total, 14_984.88);
  });

  test("reads YAML and takes traffic from the spec", async () => {
    const yaml = [
      "name: yaml-agent",
      "description: d",
      "systemPrompt: You help.",
      "model: { id: anthropic.claude-sonnet-4-5-20250929-v1:0 }",
      "deployment: { target: lambda }",
      "observability: { tracing: false }",
      "requirements: { requestsPerDay: 24 }",
    ].join("\n");
    const r = await cli([file("a.yaml", yaml), "--input-tokens", "1000", "--output-tokens", "100"]);
    assert.equal(r.code, 0, r.err);
    // 24 × 730 / 24 = 730 requests × (1,000 × $3 + 100 × $15)/1M = $3.285 → $3.29
    assert.match(r.out, /Bedrock model\s+\$3\.29/);
    assert.match(r.out, /Total\s+\$3\.29/);
  });

  test("bad figures exit 1 naming the flag", async () => {
    const spec = file("b.json", JSON.stringify(makeSpec()));
    const r = await cli([spec, "--requests-per-month=-5", "--input-tokens", "1", "--output-tokens", "1"]);
    assert.equal(r.code, 1);
    assert.match(r.err, /requestsPerMonth must be at least 0 \(--requests-per-month\)/);
    const nan = await cli([spec, "--requests-per-month", "lots", "--input-tokens", "1", "--output-tokens", "1"]);
    assert.equal(nan.code, 1);
    assert.match(nan.err, /--requests-per-month/);
  });

  test("no traffic anywhere exits 1 and says where to put it", async () => {
    const r = await cli([file("c.json", JSON.stringify(makeSpec()))]);
    assert.equal(r.code, 1);
    assert.match(r.err, /requestsPerDay/);
  });

  test("an unknown model exits 1", async () => {
    const r = await cli([file("d.json", JSON.stringify(makeSpec({ model: { id: "acme.nope", maxTokens: 10 } }))), "--requests-per-month", "5"]);
    assert.equal(r.code, 1);
    assert.match(r.err, /acme\.nope/);
  });

  test("command-line mistakes exit 2", async () => {
    assert.equal((await cli([])).code, 2);
    assert.equal((await cli(["x.json", "--bogus"])).code, 2);
    assert.equal((await cli([join(dir, "missing.json")])).code, 2);
    const invalid = await cli([file("e.json", JSON.stringify({ ...makeSpec(), name: "Bad" }))]);
    assert.equal(invalid.code, 2);
    assert.match(invalid.err, /name:/);
  });
});
