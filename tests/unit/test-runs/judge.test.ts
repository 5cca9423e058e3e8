import assert from "node:assert/strict";
import { after, test } from "node:test";
import { RuleBasedLanguageModel } from "../../../server/llm/rule-based";
import { OpenAICompatibleLanguageModel } from "../../../server/llm/openai-compatible";
import { ResilientLanguageModel } from "../../../server/llm/resilient";
import { caseScore, evaluateCase } from "../../../server/test-runs/evaluate-case";
import { judgeFor, mockJudge, MOCK_JUDGE_LABEL } from "../../../server/test-runs/judge";
import { modelJudge } from "../../../server/test-runs/judge/model-judge";
import { startMockServer, sse } from "../llm/mock-openai-server";

const servers: { close: () => Promise<void> }[] = [];
after(async () => { for (const s of servers) await s.close(); });

const toolCall = (args: string) => ({ choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { name: "submit_scores", arguments: args } }] }, finish_reason: null }] });
const run = { input: "What is the capital of France?", status: "succeeded" as const, output: "The capital of France is Paris.", toolCalls: [{ name: "search", input: { q: "capital of France" }, output: "Paris is the capital and largest city of France." }], latencyTotalMs: 5 };
const expectations = { judges: ["correctness", "helpfulness", "groundedness", "toolSelection"] as const, reference: "Paris is the capital of France.", toolsInOrder: ["search"] };

/** A judge on a scripted OpenAI-compatible model: each request gets the next reply. */
async function scriptedJudge(replies: Array<(res: Parameters<typeof sse>[0]) => void>, timeoutMs = 2_000) {
  let i = 0;
  const server = await startMockServer((_req, res) => replies[Math.min(i++, replies.length - 1)]!(res));
  servers.push(server);
  return { server, judge: modelJudge(new OpenAICompatibleLanguageModel({ baseUrl: server.url, modelId: "scripted-judge" }), { timeoutMs }) };
}

test("the mock judge scores deterministically from checks it can make, and says it is the mock judge", async () => {
  const v = await evaluateCase({ ...expectations, judges: [...expectations.judges] }, run, mockJudge);
  const judged = v.checks.filter((c) => c.kind === "judge");
  assert.deepEqual(judged.map((c) => [c.evaluator, c.judge, c.scored]), [["correctness", MOCK_JUDGE_LABEL, true], ["helpfulness", MOCK_JUDGE_LABEL, true], ["groundedness", MOCK_JUDGE_LABEL, true], ["toolSelection", MOCK_JUDGE_LABEL, true]]);
  assert.deepEqual(judged.map((c) => c.score), [5, 5, 5, 5]);
  assert.equal(v.passed, true);
  const wrong = await evaluateCase({ judges: ["correctness", "toolSelection"], reference: "Paris is the capital of France.", forbiddenTools: ["search"] }, { ...run, output: "Berlin, I believe." }, mockJudge);
  assert.deepEqual(wrong.checks.filter((c) => c.kind === "judge").map((c) => c.score), [1, 1]);
  assert.equal(wrong.passed, false);
  // Same input, same scores.
  assert.deepEqual(await evaluateCase({ ...expectations, judges: [...expectations.judges] }, run, mockJudge), v);
  // Offline (no structured model) the process judge is the mock judge.
  assert.equal(judgeFor(new RuleBasedLanguageModel(), 1000), mockJudge);
});

test("groundedness with nothing retrieved is not scored, and a not-scored case does not pass", async () => {
  const v = await evaluateCase({ judges: ["groundedness"] }, { ...run, toolCalls: [] }, mockJudge);
  const g = v.checks.find((c) => c.kind === "judge")!;
  assert.equal(g.kind === "judge" && g.scored, false);
  assert.match(g.detail, /not scored \(mock judge\) — the run retrieved no context/);
  assert.equal(v.notScored, true);
  assert.equal(v.passed, false);
});

test("a model judge's structured scores are parsed, asked for by tool use, and pass by the case's mark", async () => {
  const { server, judge } = await scriptedJudge([(res) => sse(res, [toolCall(JSON.stringify({ scores: [{ evaluator: "correctness", score: 4, reason: "same city" }, { evaluator: "helpfulness", score: 2, reason: "terse" }] }))])]);
  const v = await evaluateCase({ judges: ["correctness", "helpfulness"], reference: "Paris", minJudgeScore: 3 }, run, judge);
  const judged = v.checks.filter((c) => c.kind === "judge");
  assert.deepEqual(judged.map((c) => [c.evaluator, c.score, c.passed, c.judge]), [["correctness", 4, true, judge.label], ["helpfulness", 2, false, judge.label]]);
  assert.match(judge.label, /^scripted-judge/);
  assert.equal(v.passed, false);
  const body = server.requests[0]!.body as { tools: Array<{ function: { name: string } }>; messages: Array<{ content: string }> };
  assert.equal(body.tools[0]!.function.name, "submit_scores");
  assert.match(body.messages.at(-1)!.content, /<reference_answer>Paris<\/reference_answer>/);
  assert.match(body.messages.at(-1)!.content, /search\(\{"q":"capital of France"\}\) -> Paris is the capital/);
  // succeeded 100, correctness 4/5 = 75, helpfulness 2/5 = 25.
  assert.equal(v.score, (100 + 75 + 25) / 3);
});

test("a malformed judge answer is reported and not scored, never passed", async () => {
  const answers = [
    JSON.stringify({ scores: [{ evaluator: "helpfulness", score: 9, reason: "great" }] }),
    JSON.stringify({ verdict: "pass" }),
    "this is not json",
  ];
  for (const a of answers) {
    const { judge } = await scriptedJudge([(res) => sse(res, [toolCall(a)])]);
    const v = await evaluateCase({ judges: ["helpfulness"] }, run, judge);
    const c = v.checks.find((x) => x.kind === "judge")!;
    assert.equal(c.passed, false, a);
    assert.equal(c.kind === "judge" && c.score, null);
    assert.match(c.detail, /not scored \(scripted-judge at [^)]+\) — the judge('s answer is malformed| failed)/, c.detail);
    assert.equal(v.passed, false);
  }
  // An evaluator the answer leaves out is not scored either.
  const { judge } = await scriptedJudge([(res) => sse(res, [toolCall(JSON.stringify({ scores: [{ evaluator: "helpfulness", score: 5, reason: "ok" }] }))])]);
  const v = await evaluateCase({ judges: ["helpfulness", "toolSelection"], toolCalled: "search" }, run, judge);
  assert.match(v.checks.find((c) => c.kind === "judge" && c.evaluator === "toolSelection")!.detail, /not scored .* gave no score/);
});

test("a judge that times out leaves the case not scored, never passed (also behind the resilient wrapper)", async () => {
  const hang = () => undefined; // never answers
  const { judge } = await scriptedJudge([hang], 300);
  const v = await evaluateCase({ judges: ["helpfulness"], contains: ["Paris"] }, run, judge);
  const c = v.checks.find((x) => x.kind === "judge")!;
  assert.match(c.detail, /not scored \(scripted-judge at [^)]+\) — the judge did not answer within 300 ms/);
  assert.equal(v.passed, false);
  assert.equal(v.notScored, true);
  // The score leaves the unscored judge out rather than counting it as 0 or 100.
  assert.equal(v.score, 100);
  assert.equal(caseScore(v.checks), 100);

  const server = await startMockServer(() => undefined);
  servers.push(server);
  const resilient = new ResilientLanguageModel(new OpenAICompatibleLanguageModel({ baseUrl: server.url, modelId: "slow" }), new RuleBasedLanguageModel(), { maxAttempts: 1, structuredTimeoutMs: 200 });
  const viaProcess = judgeFor(resilient, 5_000);
  assert.equal(viaProcess.kind, "model");
  const w = await evaluateCase({ judges: ["helpfulness"] }, run, viaProcess);
  assert.equal(w.passed, false);
  assert.match(w.checks.find((x) => x.kind === "judge")!.detail, /not scored/);
});
