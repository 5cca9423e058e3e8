import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { withEvalSet, type EvalCase } from "../../../server/generation/evals/eval-set";
import { generateProject } from "../../../server/generation/generate-project";
import { registryLookup } from "../../../server/registry/load";
import { loadRegistry } from "../../../server/composition/services";
import { parseSpecOrThrow } from "../../../server/spec/agent-spec";
import { SPEC } from "../../helpers/sample-spec";

const spec = parseSpecOrThrow({ ...SPEC, language: "typescript" });
const base = generateProject(spec, registryLookup(loadRegistry()));
const HOSTILE = `"; process.exit(0); //\${globalThis.x}\`</script>`;
const cases: EvalCase[] = [
  { name: "calls the calculator", input: "use the calculator on 2+2", expectations: { toolsInOrder: ["calculator"], maxTurns: 2, judges: ["helpfulness"] } },
  { name: "answers plainly", input: HOSTILE, expectations: { contains: ["mock model"], forbiddenTools: ["calculator"] } },
  { name: "expects a tool it never gets", input: "hello", expectations: { toolCalled: "calculator" } },
];

test("no saved cases, no eval set: the project is unchanged", () => {
  assert.equal(withEvalSet(base, spec, []), base);
});

test("the eval set is serialized JSON, its workflow runs the mock on every push and Bedrock only with AWS access", () => {
  const p = withEvalSet(base, spec, cases);
  assert.notEqual(p.contentHash, base.contentHash);
  assert.deepEqual(JSON.parse(p.files.get("evals/cases.json") as string).cases.map((c: EvalCase) => c.input), cases.map((c) => c.input));
  const runner = p.files.get("evals/run-evals.mjs") as string;
  assert.ok(!runner.includes("calculator") && !runner.includes("process.exit(0); //"), "no case text in code");
  const wf = parse(p.files.get(".github/workflows/evals.yml") as string);
  assert.deepEqual(Object.keys(wf.on), ["push", "pull_request", "workflow_dispatch"]);
  assert.equal(wf.jobs["evals-mock"].steps.at(-1).run, "node evals/run-evals.mjs --model mock");
  assert.equal(wf.jobs["evals-bedrock"].if, "vars.AWS_EVALS_ROLE_ARN != ''");
  assert.equal(wf.jobs["evals-bedrock"].permissions["id-token"], "write");
  assert.equal(wf.jobs["evals-bedrock"].steps.at(-1).env.AGENT_MODEL_PROVIDER, "bedrock");
  // The ci workflow is untouched.
  assert.equal(p.files.get(".github/workflows/ci.yml"), base.files.get(".github/workflows/ci.yml"));
});

test("the runner runs each case against the agent contract on its mock model and fails the job on a failed check", () => {
  const dir = mkdtempSync(join(tmpdir(), "evalset-"));
  try {
    const p = withEvalSet(base, spec, cases);
    for (const path of ["evals/cases.json", "evals/run-evals.mjs"]) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), p.files.get(path) as string);
    }
    execFileSync(process.execPath, ["--check", join(dir, "evals/run-evals.mjs")]);
    // A stand-in agent that asks the model (one round of tools, then the answer) and prints the JSON-lines contract.
    mkdirSync(join(dir, "dist"));
    writeFileSync(join(dir, "dist/run-once.js"), `
      const input = process.argv[process.argv.indexOf("--input") + 1];
      const out = (e) => console.log(JSON.stringify(e));
      const ask = async (messages) => (await (await fetch(process.env.AGENT_MODEL_BASE_URL + "/chat/completions", { method: "POST", body: JSON.stringify({ model: process.env.AGENT_MODEL_ID, messages, tools: [{ type: "function", function: { name: "calculator" } }] }) })).json()).choices[0].message;
      (async () => {
        const messages = [{ role: "user", content: input }];
        let m = await ask(messages);
        if (m.tool_calls) {
          messages.push(m);
          for (const c of m.tool_calls) { out({ type: "tool_call", name: c.function.name, input: {} }); out({ type: "tool_result", name: c.function.name, output: "4" }); messages.push({ role: "tool", tool_call_id: c.id, content: "4" }); }
          m = await ask(messages);
        }
        out({ type: "final", output: m.content, usage: { inputTokens: 1, outputTokens: 1 } });
      })();`);
    const r = spawnSync(process.execPath, ["evals/run-evals.mjs", "--model", "mock"], { cwd: dir, encoding: "utf8" });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const lines = r.stdout.trim().split("\n");
    assert.equal(lines[0], "PASS calls the calculator (skipped here: judge helpfulness)");
    assert.equal(lines[1], "PASS answers plainly");
    assert.equal(lines[2], "FAIL expects a tool it never gets — toolCalled calculator");
    assert.equal(lines[3], "2/3 cases passed on the mock model");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("evals/run-evals.mjs comes from templates/project-files, byte for byte what it was as a TS string; the loader never takes that directory for a layer", async () => {
  const { createHash } = await import("node:crypto");
  const { readFileSync } = await import("node:fs");
  const { loadTemplateSet, templatesRoot } = await import("../../../server/generation/template-set");
  const { projectFile } = await import("../../../server/generation/project-files");
  const generated = String(withEvalSet(base, spec, cases).files.get("evals/run-evals.mjs"));
  assert.equal(generated, readFileSync(join(templatesRoot(), "project-files", "evals", "run-evals.mjs"), "utf8"));
  // sha256 of RUN_EVALS_MJS in server/generation/evals/runner-script.ts at 6fa3523, before the move.
  assert.equal(createHash("sha256").update(generated).digest("hex"), "e982ef43358ed34fae5d78905cc32f30a56f35f0061521153adb4e33f0bbb01e");
  assert.ok(loadTemplateSet().layers.every((l) => !l.files.some((f) => f.outPath.includes("run-evals"))));
  assert.throws(() => projectFile("evals/unlisted.mjs"), /does not list 'evals\/unlisted\.mjs'/);
  const root = mkdtempSync(join(tmpdir(), "project-files-"));
  mkdirSync(join(root, "project-files"), { recursive: true });
  writeFileSync(join(root, "project-files", "files.json"), JSON.stringify({ about: "x", files: [{ path: "../escape.mjs", description: "y" }] }));
  assert.throws(() => projectFile("../escape.mjs", root), /files\.json is invalid: .*without '\.\.'/s);
  rmSync(root, { recursive: true, force: true });
});
