import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadPricing, parsePricing } from "../../../server/cost/pricing";
import { DomainError } from "../../../server/errors";

const root = join(__dirname, "../../..");
// The shared reference lives beside the repository; outside this workspace the
// comparison tests are skipped (and say so) rather than silently passing.
const referencePath = join(root, "../shared/reference/aws-pricing.json");
const noReference = existsSync(referencePath) ? false : `reference not found at ${referencePath}`;
const reference = noReference ? { services: {} } : JSON.parse(readFileSync(referencePath, "utf8"));
const raw = JSON.parse(readFileSync(join(root, "registry/pricing.json"), "utf8"));
const services = raw.regions["us-east-1"].services;

type Leaf = { path: string[]; value: number | null };

/** Every number (and every null `value`) in a reference service entry, outside its sources. */
function leaves(node: unknown, path: string[] = []): Leaf[] {
  if (typeof node === "number") return [{ path, value: node }];
  if (node === null) return path.at(-1) === "value" ? [{ path, value: null }] : [];
  if (Array.isArray(node)) return node.flatMap((x, i) => leaves(x, [...path, String(i)]));
  if (typeof node === "object") {
    return Object.entries(node as Record<string, unknown>)
      .filter(([k]) => k !== "sources")
      .flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  return [];
}

const at = (node: unknown, path: string[]) => path.reduce<unknown>((n, k) => (n as Record<string, unknown> | undefined)?.[k], node);

describe("registry/pricing.json", () => {
  test("parses against its schema", () => {
    const pricing = loadPricing();
    assert.equal(pricing.currency, "USD");
    assert.equal(pricing.regions["us-east-1"]!.services.lambda.requests_per_1m.value, 0.2);
  });

  test("every number in the reference is copied exactly, at the same place", { skip: noReference }, () => {
    let checked = 0;
    for (const [svc, items] of Object.entries(reference.services)) {
      for (const [key, item] of Object.entries(items as Record<string, unknown>)) {
        // A bare number in the reference (xray.retention_days_included) is an item's value here.
        const found = leaves(typeof item === "number" ? { value: item } : item);
        for (const leaf of found) {
          const actual = at(services[svc][key], leaf.path);
          assert.deepEqual(actual, leaf.value, `${svc}.${key}.${leaf.path.join(".")}`);
          checked++;
        }
      }
    }
    assert.ok(checked >= 100, `checked ${checked} numbers`);
  });

  test("every price keeps the reference's source keys, and every source its url and as-of", { skip: noReference }, () => {
    for (const [svc, items] of Object.entries(reference.services)) {
      for (const [key, item] of Object.entries(items as Record<string, { sources?: { key: string; url: string; as_of: string }[] }>)) {
        if (typeof item !== "object" || !item.sources) continue;
        assert.deepEqual(services[svc][key].sources, item.sources.map((s) => s.key), `${svc}.${key}.sources`);
        for (const s of item.sources) assert.deepEqual(raw.sources[s.key], { url: s.url, asOf: s.as_of }, `source ${s.key}`);
      }
    }
  });

  test("no price exists that the reference does not have", { skip: noReference }, () => {
    for (const [svc, items] of Object.entries(services as Record<string, Record<string, unknown>>)) {
      for (const key of Object.keys(items)) {
        if (key === "notes") continue;
        assert.ok(key in reference.services[svc], `${svc}.${key} is not in the reference`);
      }
    }
  });

  test("free-tier kinds follow the reference's terms", () => {
    const kinds = Object.fromEntries(
      Object.entries(services as Record<string, { free_tier?: { kind: string } }>).map(([k, v]) => [k, v.free_tier?.kind]),
    );
    assert.equal(kinds.lambda, "always-free");
    assert.equal(kinds.sqs, "always-free");
    assert.equal(kinds.xray, "always-free");
    assert.equal(kinds.dynamodb, "always-free");
    assert.equal(kinds.s3_standard, "legacy-12-month");
    assert.equal(kinds.api_gateway, "legacy-12-month");
    assert.equal(kinds.application_load_balancer, "legacy-12-month");
    assert.equal(kinds.ecr, "legacy-12-month");
    assert.equal(kinds.cloudwatch_logs, "unverified");
    assert.equal(kinds.secrets_manager, "trial");
    assert.equal(kinds.fargate, "none");
    assert.equal(kinds.bedrock_agentcore, "unknown");
    assert.equal(services.data_transfer_out_internet.free_gb_per_month.kind, "unverified");
  });

  test("tier bounds match the tiers the reference names", () => {
    assert.equal(services.lambda.duration_per_gb_second_arm64.tierUpTo, 7_500_000_000);
    assert.equal(services.lambda.duration_per_gb_second_arm64_next_11_25b.tierUpTo, 18_750_000_000);
    assert.equal(services.lambda.duration_per_gb_second_x86.tierUpTo, 6_000_000_000);
    assert.equal(services.lambda.duration_per_gb_second_x86_next_9b.tierUpTo, 15_000_000_000);
    assert.equal(services.sqs.standard_per_1m_requests.tierUpTo, 100_000_000_000);
    assert.equal(services.data_transfer_out_internet.per_gb_first_10tb.tierUpTo, 10 * 1024);
  });

  test("a bad entry fails loudly, naming the entry and field", () => {
    const bad = structuredClone(raw);
    bad.regions["us-east-1"].services.lambda.requests_per_1m.value = -1;
    assert.throws(() => parsePricing(bad, "fixture.json"), (e: unknown) => {
      assert.ok(e instanceof DomainError);
      assert.match(e.message, /fixture\.json is invalid: regions\.us-east-1\.services\.lambda\.requests_per_1m\.value/);
      return true;
    });
    const missing = structuredClone(raw);
    delete missing.regions["us-east-1"].services.fargate.linux_arm_per_gb_hour;
    assert.throws(() => parsePricing(missing), /fargate\.linux_arm_per_gb_hour/);
    const unsourced = structuredClone(raw);
    unsourced.regions["us-east-1"].services.nat_gateway.per_hour.sources = [];
    assert.throws(() => parsePricing(unsourced), /nat_gateway\.per_hour.*at least one source/);
    const unknownSource = structuredClone(raw);
    unknownSource.regions["us-east-1"].services.nat_gateway.per_hour.sources = ["nobody"];
    assert.throws(() => parsePricing(unknownSource), /unknown source key 'nobody'/);
  });
});
