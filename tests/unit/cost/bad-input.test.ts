import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { estimateCost } from "../../../server/cost/estimate";
import { DomainError } from "../../../server/errors";
import type { ModelEntry } from "../../../server/registry/schema";
import { deps, HAIKU_45, makeSpec, MODELS, SONNET_45_US } from "./fixtures";

const base = { requestsPerMonth: 1000, inputTokens: 1000, outputTokens: 100 };

function rejects(usage: unknown, field: string, code: DomainError["code"] = "invalid") {
  assert.throws(
    () => estimateCost(makeSpec(), usage, deps()),
    (e: unknown) => {
      assert.ok(e instanceof DomainError, String(e));
      assert.equal(e.code, code);
      assert.equal(e.details?.field, field);
      assert.ok(e.message.includes(field), e.message);
      return true;
    },
  );
}

describe("bad usage is rejected naming the field", () => {
  test("negative", () => rejects({ ...base, requestsPerMonth: -1 }, "requestsPerMonth"));
  test("NaN", () => rejects({ ...base, inputTokens: Number.NaN }, "inputTokens"));
  test("Infinity", () => rejects({ ...base, outputTokens: Number.POSITIVE_INFINITY }, "outputTokens"));
  test("absurd traffic", () => rejects({ ...base, requestsPerMonth: 1e15 }, "requestsPerMonth"));
  test("absurd tokens", () => rejects({ ...base, inputTokens: 5e9 }, "inputTokens"));
  test("a share above 1", () => rejects({ ...base, cachedInputShare: 1.5 }, "cachedInputShare"));
  test("a nested assumption", () => rejects({ ...base, infrastructure: { natGateways: -2 } }, "infrastructure.natGateways"));
  test("a string", () => rejects({ ...base, avgDurationMs: "fast" }, "avgDurationMs"));
  test("a missing figure", () => rejects({ inputTokens: 1, outputTokens: 1 }, "requestsPerMonth"));
  test("an unknown field", () => rejects({ ...base, requestPerMonth: 5 }, "requestPerMonth"));
});

describe("unknown things are never a silent $0", () => {
  test("an unknown model id is NOT_FOUND", () => {
    assert.throws(
      () => estimateCost(makeSpec({ model: { id: "acme.nope-v1", maxTokens: 100 } }), base, deps()),
      (e: unknown) => e instanceof DomainError && e.code === "not_found" && e.message.includes("acme.nope-v1"),
    );
  });

  test("a model without a published price gives a price-unknown line and a flagged total", () => {
    const unpriced: ModelEntry = { ...HAIKU_45, id: "acme.unpriced-v1", pricing: { ...HAIKU_45.pricing, inputPer1M: null } };
    const e = estimateCost(makeSpec({ model: { id: unpriced.id, maxTokens: 1000 } }), base, deps([...MODELS, unpriced]));
    const model = e.lines.find((l) => l.category === "model")!;
    assert.equal(model.monthly, null);
    assert.equal(model.priceUnknown, true);
    assert.equal(e.totalExcludesUnknown, true);
    assert.deepEqual(e.unknownServices, ["Bedrock model"]);
    // The total is the known lines only.
    const known = e.lines.filter((l) => l.monthly !== null).reduce((s, l) => s + Math.round(l.monthly! * 100), 0);
    assert.equal(Math.round(e.total * 100), known);
  });

  test("a region without prices gives price-unknown infrastructure lines", () => {
    const spec = makeSpec({ deployment: { target: "lambda", region: "eu-west-1", architecture: "arm64", memoryMb: 1024, timeoutSeconds: 60 } });
    const e = estimateCost(spec, base, deps());
    for (const l of e.lines) {
      assert.equal(l.monthly, null, l.service);
      assert.equal(l.priceUnknown, true);
    }
    // In-region Bedrock ids are priced at us-east-1 only.
    assert.match(e.lines[0]!.detail, /no eu-west-1 price/);
    assert.equal(e.total, 0);
    assert.equal(e.totalExcludesUnknown, true);
  });

  test("a cross-region profile keeps its own price in another region, infrastructure stays unknown", () => {
    const spec = makeSpec({
      model: { id: SONNET_45_US.id, maxTokens: 4096 },
      deployment: { target: "lambda", region: "us-west-2", architecture: "arm64", memoryMb: 1024, timeoutSeconds: 60 },
    });
    const e = estimateCost(spec, base, deps());
    // 1,000 × 1,000 × $3.30/1M = $3.30 + 1,000 × 100 × $16.50/1M = $1.65 → $4.95
    assert.equal(e.lines[0]!.monthly, 4.95);
    assert.equal(e.lines.find((l) => l.service === "Lambda")!.priceUnknown, true);
  });

  test("batch share on a model without batch prices is price unknown", () => {
    const e = estimateCost(makeSpec(), { ...base, batchShare: 0.5 }, deps());
    assert.equal(e.lines[0]!.monthly, null);
    assert.match(e.lines[0]!.detail, /batch price unknown/);
  });

  test("Lambda beyond 18.75B GB-s reaches the arm64 tier with no published price", () => {
    // 1e10 requests × 900 s × 10,240 MB is absurd but valid; the top tier's price is null.
    const spec = makeSpec({ deployment: { target: "lambda", architecture: "arm64", memoryMb: 10_240, timeoutSeconds: 900 } });
    const e = estimateCost(spec, { ...base, requestsPerMonth: 1e10, avgDurationMs: 900_000 }, deps());
    const lambda = e.lines.find((l) => l.service === "Lambda")!;
    assert.equal(lambda.monthly, null);
    assert.match(lambda.detail, /price unknown/);
  });

  test("an invalid spec is rejected naming the field", () => {
    assert.throws(
      () => estimateCost({ ...makeSpec(), name: "Bad Name" }, base, deps()),
      (e: unknown) => e instanceof DomainError && e.code === "invalid" && e.details?.field === "name",
    );
  });
});
