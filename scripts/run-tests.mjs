#!/usr/bin/env node
// The one test command (`npm test`, also run by .ci/run). Node 20 does not expand globs
// and exits 0 when given no files, so the files are listed here and an empty list fails.
// Suites: unit, integration (incl. contract, generator, infra), then e2e (Playwright).
// Usage: node scripts/run-tests.mjs [unit|integration|e2e|node] [extra file filters...]
import { spawn } from "node:child_process";
import { readdirSync, statSync, existsSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const [suite = "all", ...filters] = process.argv.slice(2);

function listTests(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listTests(path);
    return name.endsWith(".test.ts") ? [relative(root, path)] : [];
  });
}

const NODE_SUITES = {
  unit: ["tests/unit", "tests/generator", "tests/infra"],
  integration: ["tests/integration", "tests/contract", "tests/sandbox"],
};

function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    let out = "";
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", NEXT_TELEMETRY_DISABLED: "1", ...env }, stdio: ["ignore", "pipe", "inherit"] });
    child.stdout.on("data", (d) => { out += d; process.stdout.write(d); });
    child.on("close", (code) => resolve({ code: code ?? 1, out }));
  });
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;
// CI keeps only the tail of the log, where e2e output ends up: each suite's failures are
// repeated at the very end so their reasons are never cut off.
const failureDigests = [];

async function runNode(dirs) {
  const files = dirs.flatMap((d) => listTests(join(root, d))).filter((f) => filters.every((x) => f.includes(x))).sort();
  if (files.length === 0) { console.error(`no test files in ${dirs.join(", ")}`); exitCode = 1; return; }
  const { code, out } = await run(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", "--test-concurrency=2", ...files]);
  const num = (label) => Number(out.match(new RegExp(`^\\S*\\s*${label} (\\d+)`, "m"))?.[1] ?? 0);
  totals.passed += num("pass"); totals.failed += num("fail"); totals.skipped += num("skipped") + num("todo");
  // The spec reporter closes with a "failing tests:" section holding each failure and its error.
  // A file can fail after its tests passed (async work outliving them); Node says why only in
  // "ℹ Error:" lines printed mid-run, so those go into the digest too.
  const failing = out.lastIndexOf("failing tests:");
  const afterTests = out.split("\n").filter((line) => /^ℹ Error: /.test(line)).join("\n");
  if (failing >= 0) failureDigests.push(`${afterTests ? `${afterTests}\n\n` : ""}${out.slice(failing, failing + 20_000)}`);
  if (code !== 0) exitCode = code;
}

async function runE2e() {
  const report = join(root, "test-results", "e2e.json");
  rmSync(report, { force: true });
  const { code } = await run("npx", ["playwright", "test", ...filters], { PLAYWRIGHT_JSON_OUTPUT_NAME: report });
  if (existsSync(report)) {
    const { stats } = JSON.parse(readFileSync(report, "utf8"));
    totals.passed += stats.expected; totals.failed += stats.unexpected + stats.flaky; totals.skipped += stats.skipped;
  } else totals.failed += 1;
  if (code !== 0) exitCode = code;
}

async function runTypecheck() {
  const { code } = await run(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", "tsconfig.json"]);
  if (code === 0) totals.passed += 1;
  else { totals.failed += 1; exitCode = code; console.log("typecheck failed"); }
}

if (suite === "all" || suite === "typecheck") await runTypecheck();
if (suite === "all" || suite === "node" || suite === "unit") await runNode(NODE_SUITES.unit);
if (suite === "all" || suite === "node" || suite === "integration") await runNode(NODE_SUITES.integration);
if (suite === "all" || suite === "e2e") await runE2e();

for (const digest of failureDigests) console.log(`\n── failures again (${digest.length >= 20_000 ? "first 20 kB" : "whole"}) ──\n${digest}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode || (totals.failed > 0 ? 1 : 0));
