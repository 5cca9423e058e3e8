/**
 * Understanding speed (issue 13): the offline engine per message on the understanding
 * dataset with the full registry (target p50 ≤ 5 ms), and the model path against a scripted
 * OpenAI-compatible server on 127.0.0.1: time to the first streamed token (target ≤ 150 ms)
 * and a whole validated change plan from the model's structured answer.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { OpenAICompatibleLanguageModel } from "../server/llm/openai-compatible";
import { extractSpec } from "../server/consultation/rules/extract-spec";
import { planModification } from "../server/modifications/plan/plan";
import { planChange } from "../server/understanding/model-plan";
import { loadRegistryFrom } from "../server/registry/load";
import { baseSpec } from "../scripts/eval/run";
import { loadDataset } from "../scripts/eval/understanding";
import { percentile } from "./stats";

const round = (n: number) => Math.round(n * 1000) / 1000;

async function measure(n: number, fn: (i: number) => unknown): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < Math.min(50, n); i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: round(percentile(times, 0.5)), p99: round(percentile(times, 0.99)) };
}

/** Streams "Hello" as text for chat requests, and a tool call when tools are asked for. */
async function scriptedServer() {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d));
    req.on("end", () => {
      const wantsTool = Array.isArray((JSON.parse(body) as { tools?: unknown }).tools);
      res.writeHead(200, { "content-type": "text/event-stream" });
      const delta = wantsTool
        ? { tool_calls: [{ index: 0, function: { name: "propose_spec_changes", arguments: JSON.stringify({ summary: "Moves to Lambda.", patches: [{ path: "deployment.target", value: "lambda" }], addTools: [], removeTools: [], needs: [], questions: [] }) } }] }
        : { content: "Hello" };
      res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`);
      res.end("data: [DONE]\n\n");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export async function run(): Promise<Record<string, number>> {
  const registry = loadRegistryFrom(join(__dirname, "../registry"));
  const { descriptions, changes } = loadDataset();
  const describe = await measure(descriptions.length * 4, (i) => extractSpec([{ role: "user", content: descriptions[i % descriptions.length]!.text }], {}, registry));
  const bases = changes.map((c) => baseSpec(c.base, c.set));
  const change = await measure(changes.length * 4, (i) => planModification(bases[i % changes.length]!, changes[i % changes.length]!.request, registry, { answers: changes[i % changes.length]!.answers }));

  const server = await scriptedServer();
  const model = new OpenAICompatibleLanguageModel({ baseUrl: server.url, modelId: "scripted" });
  const firstToken = await measure(100, async () => {
    for await (const e of model.stream({ messages: [{ role: "user", content: "hi" }] })) if (e.type === "text") break;
  });
  const spec = baseSpec("builtin-customer-support");
  const modelPlan = await measure(100, () => planChange(spec, "deploy on lambda instead", registry, { model }));
  await server.close();
  return {
    "registry tools": registry.tools.length,
    "offline description p50 ms": describe.p50,
    "offline description p99 ms": describe.p99,
    "offline change request p50 ms": change.p50,
    "offline change request p99 ms": change.p99,
    "scripted model first token p50 ms": firstToken.p50,
    "scripted model first token p99 ms": firstToken.p99,
    "scripted model validated plan p50 ms": modelPlan.p50,
  };
}
