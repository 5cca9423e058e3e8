import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { codeQuery, previousOf, readCodeParams, resolveSelection } from "../../../components/code/code-params";
import type { VersionSummary } from "../../../components/code/types";

const id = (n: number) => `ver_${String(n).padStart(26, "0")}`;
const version = (n: number): VersionSummary => ({
  id: id(n),
  projectId: "prj_00000000000000000000000000",
  version: n,
  specHash: "s",
  contentHash: `c${n}`,
  fileCount: 1,
  totalBytes: 1,
  zipBytes: 1,
  modificationId: null,
  verification: null,
  createdAt: new Date(0),
});
const VERSIONS = [version(3), version(2), version(1)]; // newest first, as listVersions answers

describe("Code tab: version and diff in the URL", () => {
  test("reads the params the change history links produce; junk ids are ignored", () => {
    assert.deepEqual(readCodeParams(new URLSearchParams(`tab=code&version=${id(2)}&diff=${id(1)}`)), { version: id(2), diff: id(1) });
    assert.deepEqual(readCodeParams(new URLSearchParams("tab=code&version=nope&diff=ver_1")), { version: null, diff: null });
  });

  test("writes them back with the tab", () => {
    assert.equal(codeQuery({ version: id(2), diff: null }), `?tab=code&version=${id(2)}`);
    assert.equal(codeQuery({ version: null, diff: id(1) }), `?tab=code&diff=${id(1)}`);
    assert.equal(codeQuery({ version: null, diff: null }), "?tab=code");
  });

  test("no version in the URL follows the newest", () => {
    const s = resolveSelection(VERSIONS, { version: null, diff: null })!;
    assert.equal(s.mode, "browse");
    assert.equal(s.selected.version, 3);
    assert.equal(s.notice, null);
    assert.equal(resolveSelection([], { version: null, diff: null }), null);
  });

  test("a linked version and diff base are honoured", () => {
    const s = resolveSelection(VERSIONS, { version: id(2), diff: id(1) })!;
    assert.deepEqual([s.mode, s.selected.version, s.base?.version], ["diff", 2, 1]);
  });

  test("an unknown version falls back to the newest and says so", () => {
    const s = resolveSelection(VERSIONS, { version: id(9), diff: null })!;
    assert.equal(s.selected.version, 3);
    assert.match(s.notice ?? "", /version in the link is not a version of this project; showing v3/);
  });

  test("an unknown diff base compares with the previous version (or another one for the oldest)", () => {
    assert.equal(resolveSelection(VERSIONS, { version: id(3), diff: id(9) })!.base?.version, 2);
    assert.equal(resolveSelection(VERSIONS, { version: id(1), diff: id(9) })!.base?.version, 3);
    assert.equal(resolveSelection([version(1)], { version: null, diff: id(9) })!.base, null);
    assert.equal(previousOf(VERSIONS, id(2))?.version, 1);
    assert.equal(previousOf(VERSIONS, id(1)), null);
  });
});
