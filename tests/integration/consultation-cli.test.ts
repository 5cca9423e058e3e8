import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { MAX_MESSAGE_CHARS } from "../../server/consultation/rules";
import { runCli } from "../helpers/cli";

/** `agent-builder draft`, spawned through the package's bin entry as a user runs it, outside the repo. */

const work = mkdtempSync(join(tmpdir(), "agent-builder-draft-"));
after(() => rmSync(work, { recursive: true, force: true }));

const cli = (args: string[], opts: { stdin?: string; env?: Record<string, string> } = {}) => runCli(args, { cwd: work, env: { LLM_PROVIDER: "offline", ...opts.env }, stdin: opts.stdin ?? "" });

const TUTOR = "A patient math tutor for high-school students that explains homework step by step. No tools needed, it just talks. 2,000 students, maybe 5k questions a day. Budget is $250 a month.";
const RESEARCH = "I need a research agent that searches the web for news about our competitors.";

describe("agent-builder draft", () => {
  test("--json prints { spec, completeness, missing } for one description", async () => {
    const r = await cli(["draft", RESEARCH, "--json"]);
    assert.equal(r.code, 0, r.err);
    const out = JSON.parse(r.out) as { spec: Record<string, any>; completeness: number; missing: string[] };
    assert.deepEqual(Object.keys(out), ["spec", "completeness", "missing"]);
    assert.equal(out.spec.requirements.useCase, "Research assistant");
    assert.deepEqual(out.spec.tools.map((t: { id: string }) => t.id), ["tavily"]);
    assert.equal(out.spec.deployment.target, "agentcore");
    assert.deepEqual(out.missing, ["requirements.requestsPerDay", "requirements.monthlyBudgetUsd"]);
    assert.ok(out.completeness > 0.5 && out.completeness < 1);
    assert.equal(out.spec.lockedPaths, undefined);
  });

  test("the human form prints the draft, the score and the next question; a complete one says 100%", async () => {
    const partial = await cli(["draft", RESEARCH]);
    assert.equal(partial.code, 0, partial.err);
    assert.match(partial.out, /"useCase": "Research assistant"/);
    assert.match(partial.out, /^Completeness: 80%$/m);
    assert.match(partial.out, /^Missing: requirements\.requestsPerDay, requirements\.monthlyBudgetUsd$/m);
    assert.match(partial.out, /^Next question: Roughly how many requests a day/m);
    const complete = await cli(["draft", TUTOR]);
    assert.match(complete.out, /^Completeness: 100%$/m);
    assert.doesNotMatch(complete.out, /Missing:/);
  });

  test("reads the description from stdin with '-', and joins unquoted words", async () => {
    const piped = await cli(["draft", "-", "--json"], { stdin: TUTOR });
    assert.equal(JSON.parse(piped.out).completeness, 1);
    const words = await cli(["draft", "--json", ...RESEARCH.split(" ")]);
    assert.deepEqual(JSON.parse(words.out), JSON.parse((await cli(["draft", RESEARCH, "--json"])).out));
  });

  test("bad input: no description, a blank one, an oversized one, an unknown flag", async () => {
    const none = await cli(["draft"]);
    assert.equal(none.code, 2);
    assert.match(none.err, /Usage: agent-builder draft/);
    const blank = await cli(["draft", "   "]);
    assert.equal(blank.code, 2);
    assert.match(blank.err, /The description is empty/);
    const huge = await cli(["draft", "-"], { stdin: "x".repeat(MAX_MESSAGE_CHARS + 1) });
    assert.equal(huge.code, 2);
    assert.match(huge.err, new RegExp(`the limit is ${MAX_MESSAGE_CHARS}`));
    assert.equal(huge.out, "");
    const flag = await cli(["draft", RESEARCH, "--yaml"]);
    assert.equal(flag.code, 2);
    assert.match(flag.err, /Unknown option '--yaml'/);
  });

  test("a configured provider that is unreachable falls back to the offline model, saying so on stderr", async () => {
    const r = await cli(["draft", RESEARCH], { env: { LLM_PROVIDER: "openai-compatible", LLM_BASE_URL: "http://127.0.0.1:9", LLM_MODEL_ID: "llama3.2" } });
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /unavailable.*this reply comes from the offline model/);
    assert.match(r.out, /^PM \(.+\): /m);
    assert.match(r.out, /how many requests a day/i);
  });
});
