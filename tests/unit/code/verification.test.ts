import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Verification } from "../../../components/code/types";
import { problemsByFile, summarizeVerification } from "../../../components/code/verification";

const failed: Verification = {
  ok: false,
  checks: [
    { check: "secrets", file: "app/config.py", line: 12, message: "contains an AWS access key id", severity: "error" },
    { check: "dockerfile", file: "Dockerfile", line: 9, message: "runs as root (USER root)", severity: "error" },
    { check: "python-syntax", file: "app/config.py", line: 3, message: "invalid syntax", severity: "error" },
    { check: "typescript-types", file: "package.json", message: "'x' is not installed in the checker", severity: "warning" },
  ],
  ran: [
    { check: "structure", files: 30, ms: 0.1 },
    { check: "secrets", files: 30, ms: 2.9 },
  ],
};

describe("Code tab: the verification beside the files", () => {
  test("counts errors and warnings and groups findings by file, by line", () => {
    const s = summarizeVerification(failed);
    assert.equal(s.state, "failed");
    assert.equal(s.errors, 3);
    assert.equal(s.warnings, 1);
    assert.deepEqual(s.byFile.map((g) => g.file), ["Dockerfile", "app/config.py", "package.json"]);
    assert.deepEqual(s.byFile[1]!.findings.map((f) => f.line), [3, 12]);
    assert.equal(s.ran.length, 2);
  });

  test("a passed or missing verification", () => {
    assert.equal(summarizeVerification({ ok: true, checks: [], ran: [] }).state, "passed");
    assert.deepEqual(summarizeVerification(null), { state: "not-run", errors: 0, warnings: 0, byFile: [], ran: [] });
  });

  test("per-file badges separate errors from warnings", () => {
    const p = problemsByFile(failed);
    assert.deepEqual(p.get("app/config.py"), { errors: 2, warnings: 0 });
    assert.deepEqual(p.get("package.json"), { errors: 0, warnings: 1 });
    assert.equal(p.get("README.md"), undefined);
  });
});

describe("Code tab: check outcomes", () => {
  test("a check that looked at no file is not applicable, never a pass; a failed one is marked failed", async () => {
    const { checkMark } = await import("../../../components/code/verification");
    assert.deepEqual(checkMark({ check: "typescript-types", files: 0, ms: 0.1 }, failed), { status: "not-applicable", symbol: "–" });
    assert.deepEqual(checkMark({ check: "typescript-types", files: 0, ms: 0.1, status: "not-applicable" }, failed), { status: "not-applicable", symbol: "–" });
    assert.deepEqual(checkMark({ check: "secrets", files: 30, ms: 2.9 }, failed), { status: "failed", symbol: "✕" });
    assert.deepEqual(checkMark({ check: "structure", files: 30, ms: 0.1 }, failed), { status: "passed", symbol: "✓" });
    assert.deepEqual(checkMark({ check: "rehearsal", files: 0, ms: 4000, status: "skipped" }, failed), { status: "skipped", symbol: "–" });
  });
});
