import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AwsTestRunner, runTaskInput, type TaskLink } from "../../server/test-runs/aws-runner";
import { evaluate, Expectations, extractJson } from "../../server/test-runs/evaluation";
import { RUN_LIMITS } from "../../server/test-runs/limits";
import { streamTranslator, toConverseInput } from "../../server/test-runs/model/bedrock-translate";
import { ChatRequest } from "../../server/test-runs/mock-model/policy";
import { PrepareError } from "../../server/test-runs/prepare/errors";
import { parseNpmDependencies } from "../../server/test-runs/prepare/npm-deps";
import { filesFromVersion } from "../../server/test-runs/prepare/project-files";
import { RunCollector } from "../../server/test-runs/run/collect";
import { bwrapArgs } from "../../server/test-runs/sandbox/bwrap-args";
import { seccompProgram } from "../../server/test-runs/sandbox/seccomp";
import type { RunEvent, RunJob, RunOutcome } from "../../server/test-runs/types";

/** The pure parts of test runs: sandbox arguments, output parsing, evaluation, input checks, translations. */

const exit = { code: 0, limit: null, wallMs: 1200, firstByteMs: 300, outputBytes: 100, cpuMs: 50, uid: 61001, cgroup: "x" };
const MODEL = { kind: "mock" as const, id: "amazon.nova-pro-v1:0", label: "mock" };

describe("the sandbox command line", () => {
  const args = bwrapArgs({ mounts: [{ from: "/host/app", to: "/app" }, { from: "/host/nm", to: "/app/node_modules" }, { from: "/host/sock", to: "/run/model.sock", writable: true }], etcDir: "/host/etc", nodeDir: "/usr/bin", setpriv: "/usr/bin/setpriv", uid: 61234, tmpMb: 64, cwd: "/work", command: ["/usr/bin/node", "x.js"] });
  const line = args.join(" ");

  test("fresh namespaces, no user namespace (root must not stay root), and the safety flags", () => {
    for (const flag of ["--new-session", "--die-with-parent", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts"]) assert.ok(args.includes(flag), flag);
    assert.ok(!line.includes("--unshare-user") && !line.includes("--unshare-all"));
    assert.match(line, /--ro-bind \/usr \/usr/);
    assert.match(line, /--ro-bind \/host\/etc \/etc/);
    assert.match(line, /--perms 1777 --size 67108864 --tmpfs \/work/);
  });

  test("mounts in order with their parents made readable; the command runs as the uid without privileges", () => {
    assert.match(line, /--ro-bind \/host\/app \/app .*--ro-bind \/host\/nm \/app\/node_modules/);
    assert.match(line, /--perms 0755 --dir \/run --bind \/host\/sock \/run\/model.sock/);
    assert.ok(!line.includes("--dir /app "), "inside a mount nothing is created");
    const tail = args.slice(args.indexOf("/usr/bin/setpriv"));
    assert.deepEqual(tail, ["/usr/bin/setpriv", "--reuid=61234", "--regid=61234", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--", "/usr/bin/node", "x.js"]);
  });
});

describe("reading an agent's output", () => {
  test("contract lines become events, anything else a log; fields are capped; the outcome has its metrics", () => {
    const seen: RunEvent[] = [];
    const c = new RunCollector(performance.now(), (e) => seen.push(e));
    c.phase("running", "go");
    c.stdout("Warning: something");
    c.stdout(JSON.stringify({ type: "tool_call", name: "t", input: { big: "x".repeat(20_000) } }));
    c.stdout(JSON.stringify({ type: "tool_result", name: "t", output: "fine" }));
    c.stdout(JSON.stringify({ type: "text", delta: "Hel" }));
    c.stdout(JSON.stringify({ type: "text", delta: "lo" }));
    c.stdout(JSON.stringify({ type: "bogus" }));
    c.stderr("a warning");
    c.stdout(JSON.stringify({ type: "final", output: "Hello", usage: { inputTokens: 12, outputTokens: 3 } }));
    const o = c.outcome(exit, RUN_LIMITS, MODEL);
    assert.deepEqual(seen.map((e) => e.type), ["status", "log", "tool_call", "tool_result", "text", "text", "log", "log", "final"]);
    assert.equal(typeof (seen[2] as { input: unknown }).input, "string", "an oversized tool input is cut to a string");
    assert.deepEqual([o.status, o.output, o.tokensIn, o.tokensOut, o.error], ["succeeded", "Hello", 12, 3, null]);
    assert.deepEqual(o.toolCalls.map((t) => [t.name, t.output]), [["t", "fine"]]);
    assert.match(o.logsExcerpt, /\[stdout\] Warning: something\n.*\[stdout\] \{"type":"bogus"\}\n\[stderr\] a warning/s);
    assert.ok(o.firstTokenMs !== null && o.firstTokenMs >= 0);
  });

  test("no final answer or a limit make the status; the limit says which and its size", () => {
    const c = new RunCollector(performance.now(), () => undefined);
    c.stdout(JSON.stringify({ type: "text", delta: "partial" }));
    assert.deepEqual([c.outcome({ ...exit, code: 3 }, RUN_LIMITS, MODEL).status, c.outcome({ ...exit, code: 3 }, RUN_LIMITS, MODEL).error], ["failed", "The agent exited with code 3 without a final answer"]);
    const limited = c.outcome({ ...exit, code: 137, limit: "memory_limit" }, RUN_LIMITS, MODEL);
    assert.deepEqual([limited.status, limited.error, limited.output], ["memory_limit", "The run was killed at its memory limit of 512 MB.", "partial"]);
  });
});

describe("evaluation", () => {
  const run = { status: "succeeded" as const, output: 'Sure: ```json\n{"answer": 42}\n```', toolCalls: [{ name: "calc", input: {} }], latencyTotalMs: 900 };

  test("every expectation is checked and named; one failure fails the case", () => {
    const e = Expectations.parse({ contains: ["ANSWER"], regex: "\\d{2}", jsonSchema: { type: "object", required: ["answer"], properties: { answer: { type: "number" } } }, toolCalled: "calc", maxLatencyMs: 1000 });
    assert.deepEqual(evaluate(e, run).checks.map((c) => [c.kind, c.passed]), [["succeeded", true], ["contains", true], ["regex", true], ["jsonSchema", true], ["toolCalled", true], ["maxLatencyMs", true]]);
    const slow = evaluate(e, { ...run, latencyTotalMs: 5000, toolCalls: [] });
    assert.equal(slow.passed, false);
    assert.deepEqual(slow.checks.filter((c) => !c.passed).map((c) => c.kind), ["toolCalled", "maxLatencyMs"]);
    assert.equal(evaluate(Expectations.parse({ contains: ["42"] }), { ...run, status: "timeout" }).passed, false);
  });

  test("JSON is found in fences or prose; a catastrophic regex is cut off instead of hanging the server", () => {
    assert.deepEqual(extractJson('The result is {"a": [1, 2]} as asked.'), { a: [1, 2] });
    assert.equal(extractJson("no json here"), undefined);
    const started = Date.now();
    const verdict = evaluate(Expectations.parse({ regex: "^(a+)+$" }), { ...run, output: `${"a".repeat(5000)}b` });
    assert.ok(Date.now() - started < 2000);
    assert.match(verdict.checks[1]!.detail, /took too long/);
  });
});

describe("hostile project inputs", () => {
  test("package.json may only list registry packages with version ranges", () => {
    assert.deepEqual(parseNpmDependencies(JSON.stringify({ dependencies: { zod: "4.6.7", "@strands-agents/sdk": "^1.16.0" }, devDependencies: { typescript: "5.9.3" } })).dependencies, { "@strands-agents/sdk": "^1.16.0", zod: "4.6.7" });
    for (const spec of ["file:../../etc", "link:/root", "git+https://x/y.git", "https://evil/x.tgz", "npm:other@1", "user/repo", "workspace:*"]) {
      assert.throws(() => parseNpmDependencies(JSON.stringify({ dependencies: { x: spec } })), (e: unknown) => e instanceof PrepareError && /dependencies\.x/.test(e.message), spec);
    }
    assert.throws(() => parseNpmDependencies("{nope"), /not valid JSON/);
  });

  test("stored file paths must stay inside the project", () => {
    for (const path of ["../escape", "/abs", "a/../../b", "a//b", "a/./b"]) assert.throws(() => filesFromVersion(new Map([[path, "x"]])), /unsafe path/, path);
    assert.equal(filesFromVersion(new Map([["src/ok.ts", "x"]])).size, 1);
  });
});

describe("Bedrock translation (agents get Bedrock without credentials in the sandbox)", () => {
  test("messages, tool calls, tool results and tools become a Converse input", () => {
    const req = ChatRequest.parse({
      messages: [
        { role: "system", content: "sys" },
        { role: "user", content: "list notebooks" },
        { role: "assistant", content: null, tool_calls: [{ id: "c1", function: { name: "notebook", arguments: '{"mode":"list"}' } }] },
        { role: "tool", tool_call_id: "c1", content: "none" },
      ],
      tools: [{ type: "function", function: { name: "notebook", description: "d", parameters: { type: "object" } } }],
    });
    const input = toConverseInput({ ...req, max_tokens: 100 }, "amazon.nova-pro-v1:0");
    assert.deepEqual(input.system, [{ text: "sys" }]);
    assert.deepEqual(input.messages!.map((m) => m.role), ["user", "assistant", "user"]);
    assert.deepEqual(input.messages![1]!.content, [{ toolUse: { toolUseId: "c1", name: "notebook", input: { mode: "list" } } }]);
    assert.deepEqual(input.messages![2]!.content, [{ toolResult: { toolUseId: "c1", content: [{ text: "none" }], status: "success" } }]);
    assert.equal(input.toolConfig!.tools![0]!.toolSpec!.name, "notebook");
    assert.equal(input.inferenceConfig!.maxTokens, 100);
  });

  test("stream events become OpenAI deltas: text, tool call start and arguments, finish, usage", () => {
    const t = streamTranslator();
    assert.deepEqual(t({ contentBlockDelta: { contentBlockIndex: 0, delta: { text: "Hi" } } } as never), { delta: { content: "Hi" } });
    assert.deepEqual(t({ contentBlockStart: { contentBlockIndex: 1, start: { toolUse: { toolUseId: "u", name: "n" } } } } as never), { delta: { tool_calls: [{ index: 0, id: "u", type: "function", function: { name: "n", arguments: "" } }] } });
    assert.deepEqual(t({ contentBlockDelta: { contentBlockIndex: 1, delta: { toolUse: { input: '{"a":1}' } } } } as never), { delta: { tool_calls: [{ index: 0, function: { arguments: '{"a":1}' } }] } });
    assert.deepEqual(t({ messageStop: { stopReason: "tool_use" } } as never), { finish: "tool_calls" });
    assert.deepEqual(t({ metadata: { usage: { inputTokens: 5, outputTokens: 2 } } } as never), { usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } });
  });
});

describe("the AWS runner", () => {
  const task: TaskLink = { cluster: "arn:cluster", containers: ["TestRunner"], taskDefinition: "arn:td", subnets: ["s1"], securityGroups: ["g1"], assignPublicIp: false };
  const job: RunJob = { runId: "run_01jabcdefghjkmnpqrstvwxyz0", projectId: "p", versionId: "v", contentHash: "h", blobKey: "b", zipBlobKey: "z", input: "hi", agentModelId: "amazon.nova-pro-v1:0", reportToken: "t".repeat(43) };

  test("starts one Fargate task per run with only the run id, token, app URL and model in its overrides", async () => {
    const sent: unknown[] = [];
    const runner = new AwsTestRunner({ ecs: Promise.resolve({ send: async (c: unknown) => (sent.push(c), { tasks: [{ taskArn: "arn:task" }] }) }), task: async () => task, appUrl: "https://app.example.com", modelMode: "bedrock" });
    assert.deepEqual(await runner.modelFor("amazon.nova-pro-v1:0"), { kind: "bedrock", id: "amazon.nova-pro-v1:0", label: "bedrock:amazon.nova-pro-v1:0" });
    const events: RunEvent[] = [];
    await runner.start(job, { event: (e) => events.push(e), finish: async () => assert.fail("no finish on success") });
    const input = (sent[0] as { input: ReturnType<typeof runTaskInput> }).input;
    assert.equal(input.launchType, "FARGATE");
    assert.deepEqual(input.networkConfiguration!.awsvpcConfiguration, { subnets: ["s1"], securityGroups: ["g1"], assignPublicIp: "DISABLED" });
    const env = Object.fromEntries(input.overrides!.containerOverrides![0]!.environment!.map((e) => [e.name, e.value]));
    assert.deepEqual(env, { RUNNER_RUN_ID: job.runId, RUNNER_REPORT_TOKEN: job.reportToken, RUNNER_APP_URL: "https://app.example.com", RUNNER_MODEL_KIND: "bedrock", RUNNER_MODEL_ID: "amazon.nova-pro-v1:0" });
    assert.equal(events[0]?.type, "status");
  });

  test("a task that cannot start ends the run as an error instead of leaving it queued", async () => {
    const runner = new AwsTestRunner({ ecs: Promise.resolve({ send: async () => ({ tasks: [], failures: [{ reason: "RESOURCE:MEMORY" }] }) }), task: async () => task, appUrl: "https://a", modelMode: "mock" });
    let finished: RunOutcome | undefined;
    await runner.start(job, { event: () => undefined, finish: async (o) => void (finished = o) });
    assert.deepEqual([finished?.status, finished?.model.kind], ["error", "mock"]);
  });
});

describe("the seccomp filter", () => {
  test("is whole BPF instructions, checks the architecture first and ends allow / EPERM / ENOSYS", () => {
    for (const arch of ["x64", "arm64"] as const) {
      const p = seccompProgram(arch)!;
      assert.equal(p.length % 8, 0);
      const insn = (i: number) => ({ code: p.readUInt16LE(i * 8), k: p.readUInt32LE(i * 8 + 4) });
      const n = p.length / 8;
      assert.deepEqual([insn(0), insn(2)], [{ code: 0x20, k: 4 }, { code: 0x06, k: 0x80000000 }]);
      assert.deepEqual([insn(n - 3).k, insn(n - 2).k, insn(n - 1).k], [0x7fff0000, 0x50001, 0x50026]);
    }
    assert.equal(seccompProgram("ia32"), null);
  });
});
