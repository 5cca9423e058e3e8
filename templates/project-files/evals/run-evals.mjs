#!/usr/bin/env node
import { spawn } from "node:child_process";
import { readFileSync, existsSync } from "node:fs";
import { createServer } from "node:http";

const args = process.argv.slice(2);
const mode = args.includes("--model") ? args[args.indexOf("--model") + 1] : "mock";
const cases = JSON.parse(readFileSync(new URL("./cases.json", import.meta.url), "utf8")).cases;
const command = existsSync("run_once.py") ? ["python3", ["run_once.py"]] : ["node", ["dist/run-once.js"]];

function textOf(content) {
  if (typeof content === "string") return content;
  return Array.isArray(content) ? content.map((p) => p.text ?? "").join("") : "";
}

/** The mock: calls a tool the last user message names (once), then answers with the results. */
function mockReply(body) {
  const messages = body.messages ?? [];
  const lastUser = messages.map((m) => m.role).lastIndexOf("user");
  const userText = lastUser >= 0 ? textOf(messages[lastUser].content) : "";
  const since = messages.slice(lastUser + 1);
  const results = since.filter((m) => m.role === "tool").map((m) => textOf(m.content).slice(0, 200));
  if (results.length) return { text: "The tools returned: " + results.join(" | ") + ". That answers: " + userText.slice(0, 200) };
  const named = (body.tools ?? []).map((t) => t.function.name).filter((n) => userText.toLowerCase().includes(n.toLowerCase().replace(/_/g, " ")) || userText.includes(n));
  if (named.length && !since.some((m) => m.tool_calls)) return { calls: named.slice(0, 3).map((name, i) => ({ index: i, id: "call_" + i, type: "function", function: { name, arguments: "{}" } })) };
  return { text: "This is the mock model answering: " + userText.slice(0, 200) };
}

function startMock() {
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const body = JSON.parse(raw || "{}");
      const reply = mockReply(body);
      const usage = { prompt_tokens: Math.ceil(raw.length / 4), completion_tokens: 10, total_tokens: Math.ceil(raw.length / 4) + 10 };
      const delta = reply.calls ? { role: "assistant", content: null, tool_calls: reply.calls } : { role: "assistant", content: reply.text };
      const finish = reply.calls ? "tool_calls" : "stop";
      if (!body.stream) {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: "mock", object: "chat.completion", model: body.model, choices: [{ index: 0, message: delta, finish_reason: finish }], usage }));
        return;
      }
      res.writeHead(200, { "content-type": "text/event-stream" });
      for (const chunk of [{ choices: [{ index: 0, delta, finish_reason: null }] }, { choices: [{ index: 0, delta: {}, finish_reason: finish }] }, { choices: [], usage }]) res.write("data: " + JSON.stringify({ id: "mock", object: "chat.completion.chunk", model: body.model, ...chunk }) + "\n\n");
      res.end("data: [DONE]\n\n");
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function runCase(input, env) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(command[0], [...command[1], "--input", input], { env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("close", (code) => {
      const events = out.split("\n").flatMap((l) => { try { const e = JSON.parse(l); return e && typeof e.type === "string" ? [e] : []; } catch { return []; } });
      const final = events.find((e) => e.type === "final");
      resolve({ ok: code === 0 && !!final, output: final?.output ?? "", events, ms: Date.now() - t0 });
    });
  });
}

function turns(events) {
  let rounds = 0, resultSince = true;
  for (const e of events) {
    if (e.type === "tool_call") { if (resultSince) rounds++; resultSince = false; }
    else if (e.type === "tool_result") resultSince = true;
  }
  return rounds + 1;
}

function check(e, run) {
  const names = run.events.filter((x) => x.type === "tool_call").map((x) => x.name);
  const out = [["succeeded", run.ok]];
  for (const s of e.contains ?? []) out.push(["contains " + JSON.stringify(s), run.output.toLowerCase().includes(s.toLowerCase())]);
  if (e.regex) out.push(["regex", new RegExp(e.regex, "u").test(run.output)]);
  if (e.toolCalled) out.push(["toolCalled " + e.toolCalled, names.includes(e.toolCalled)]);
  if (e.toolsInOrder) { let i = 0; for (const n of names) if (n === e.toolsInOrder[i]) i++; out.push(["toolsInOrder", i === e.toolsInOrder.length]); }
  if (e.forbiddenTools) out.push(["forbiddenTools", !names.some((n) => e.forbiddenTools.includes(n))]);
  if (e.maxTurns) out.push(["maxTurns", turns(run.events) <= e.maxTurns]);
  if (e.maxLatencyMs) out.push(["maxLatencyMs", run.ms <= e.maxLatencyMs]);
  const skipped = [...(e.jsonSchema ? ["jsonSchema"] : []), ...(e.judges ?? []).map((j) => "judge " + j)];
  return { checks: out, skipped };
}

const env = { ...process.env };
let server;
if (mode === "mock") {
  server = await startMock();
  Object.assign(env, { AGENT_MODEL_PROVIDER: "openai-compatible", AGENT_MODEL_BASE_URL: "http://127.0.0.1:" + server.address().port + "/v1", AGENT_MODEL_ID: "mock", AGENT_MODEL_API_KEY: "not-needed" });
}
let failed = 0;
for (const c of cases) {
  const { checks, skipped } = check(c.expectations, await runCase(c.input, env));
  const bad = checks.filter(([, ok]) => !ok).map(([name]) => name);
  if (bad.length) failed++;
  console.log((bad.length ? "FAIL " : "PASS ") + c.name + (bad.length ? " — " + bad.join(", ") : "") + (skipped.length ? " (skipped here: " + skipped.join(", ") + ")" : ""));
}
server?.close();
console.log(cases.length - failed + "/" + cases.length + " cases passed on the " + (mode === "mock" ? "mock model" : "agent's configured model"));
process.exit(failed ? 1 : 0);
