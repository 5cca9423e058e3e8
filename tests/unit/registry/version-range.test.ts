import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { formatRange, intersect, isSatisfiable, parseRange, type Ecosystem } from "../../../server/registry/version-range";

const merge = (specs: string[], eco: Ecosystem) => {
  const r = specs.map((s) => parseRange(s, eco)).reduce(intersect);
  return isSatisfiable(r) ? formatRange(r, eco) : null;
};

describe("pip specifiers", () => {
  test("intersect to the tightest bounds", () => {
    assert.equal(merge([">=1.0.0,<2.0.0", ">=1.54.0,<2.0.0"], "pip"), ">=1.54.0,<2.0.0");
    assert.equal(merge([">=1.1.0,<1.2.0", ">=1.0"], "pip"), ">=1.1.0,<1.2.0");
    assert.equal(merge([">0.3", "<=0.5"], "pip"), ">0.3,<=0.5");
  });

  test("compatible release and wildcards", () => {
    assert.equal(merge(["~=1.4.2"], "pip"), ">=1.4.2,<1.5.0");
    assert.equal(merge(["~=1.4"], "pip"), ">=1.4,<2.0.0");
    assert.equal(merge(["==1.4.*"], "pip"), ">=1.4,<1.5.0");
  });

  test("an exact pin inside a range stays exact; outside it is unsatisfiable", () => {
    assert.equal(merge(["==1.5.0", ">=1.0,<2"], "pip"), "==1.5.0");
    assert.equal(merge(["==2.5.0", ">=1.0,<2"], "pip"), null);
    assert.equal(merge(["==1.5.0", "!=1.5.0"], "pip"), null);
  });

  test("disjoint ranges have no version in common", () => {
    assert.equal(merge([">=1.1.0,<1.2.0", ">=1.2.0"], "pip"), null);
    assert.equal(merge(["<1.0", ">1.0"], "pip"), null);
    assert.equal(merge(["<=1.0", ">=1.0"], "pip"), "==1.0");
  });

  test("pre-releases sort before their release", () => {
    assert.equal(merge([">=1.0.0rc1", "<1.0.0"], "pip"), ">=1.0.0rc1,<1.0.0");
    assert.equal(merge([">=1.0.0", "<1.0.0rc1"], "pip"), null);
  });

  test("anything else is rejected, not guessed", () => {
    assert.throws(() => parseRange("latest", "pip"), /not a pip specifier/);
    assert.throws(() => parseRange(">=1.0 || <0.5", "pip"));
    assert.throws(() => parseRange("~=1", "pip"), /not a pip specifier/); // PEP 440: ~= needs two release parts
    assert.throws(() => parseRange("===foobar", "pip"), /arbitrary equality with a non-version/);
  });

  // Each of these the hand-written parser got wrong (it accepted a disjoint range or threw).
  test("pre-releases order by number and kind: dev < a < b < rc", () => {
    assert.equal(merge([">=1.0a10", "<1.0a2"], "pip"), null);
    assert.equal(merge([">=1.0a2", "<1.0a10"], "pip"), ">=1.0a2,<1.0a10");
    assert.equal(merge([">=1.0a1", "<1.0.dev5"], "pip"), null);
  });

  test("post releases, local versions and epochs are versions", () => {
    assert.equal(merge(["==1.0.post1", ">=1.0"], "pip"), "==1.0.post1");
    assert.equal(merge(["==1.0+cpu", ">=0.9"], "pip"), "==1.0+cpu");
    assert.equal(merge([">=1!1.0", "<2.0"], "pip"), null); // epoch 1 sorts after every epoch-0 version
    assert.equal(merge([">=1!1.0", "<1!2"], "pip"), ">=1!1.0,<1!2");
    assert.equal(merge(["~=1!1.4.2"], "pip"), ">=1!1.4.2,<1!1.5.0");
  });

  test("!= with a wildcard excludes every release with that prefix", () => {
    assert.equal(merge(["!=1.4.*", ">=1.0"], "pip"), ">=1.0,!=1.4.*");
    assert.equal(merge(["!=1.4.*", "~=1.4.2"], "pip"), null);
    assert.equal(merge(["!=1.4.*", "~=1.4"], "pip"), ">=1.4,<2.0.0,!=1.4.*");
  });

  test("=== pins a version; versions are written in their normal form", () => {
    assert.equal(merge(["===1.0"], "pip"), "==1.0");
    assert.equal(merge([">=1.0.0-RC1"], "pip"), ">=1.0.0rc1");
    assert.equal(merge(["==2.0", "!=2.0.0"], "pip"), null); // 2.0 and 2.0.0 are the same version
  });
});

describe("npm ranges", () => {
  test("caret and tilde", () => {
    assert.equal(merge(["^1.25.2"], "npm"), ">=1.25.2 <2.0.0");
    assert.equal(merge(["^0.2.3"], "npm"), ">=0.2.3 <0.3.0");
    assert.equal(merge(["~1.2.3"], "npm"), ">=1.2.3 <1.3.0");
  });

  test("an exact version meets a caret range", () => {
    assert.equal(merge(["1.16.0", "^1.10.0"], "npm"), "1.16.0");
    assert.equal(merge(["1.16.0", "^2.0.0"], "npm"), null);
    assert.equal(merge(["^4.1.12", ">= 4.2.0 < 5"], "npm"), ">=4.2.0 <5.0.0");
  });

  test("wildcards", () => {
    assert.equal(merge(["*", "^3.0.0"], "npm"), ">=3.0.0 <4.0.0");
    assert.equal(merge(["1.x", "^1.4.0"], "npm"), ">=1.4.0 <2.0.0");
  });

  test("pre-release bounds keep semver's dash", () => {
    assert.equal(merge([">=1.0.0-beta.1 <2.0.0"], "npm"), ">=1.0.0-beta.1 <2.0.0");
    assert.equal(merge([">=1.0.0-beta.2", "<1.0.0-beta.10"], "npm"), ">=1.0.0-beta.2 <1.0.0-beta.10");
  });

  test("unions are rejected", () => {
    assert.throws(() => parseRange("^1.0.0 || ^2.0.0", "npm"), /not supported/);
  });
});
