/**
 * Offline consultation speed, in process, on a warm process with the real registries:
 * extraction of one user message (issue 6 target: p50 ≤ 5 ms), extraction of a whole
 * four-turn conversation, and the offline model's time to its first streamed chunk.
 */
import { join } from "node:path";
import { RuleBasedLanguageModel } from "../server/llm/rule-based";
import { extractSpec } from "../server/consultation/rules/extract-spec";
import { buildPmSystemPrompt } from "../server/consultation/rules/pm-reply";
import { loadRegistryFrom } from "../server/registry/load";
import { percentile } from "./stats";

const ITERATIONS = 500;
const WARMUP = 50;

const MESSAGES = [
  "I need a customer support agent that answers questions from our help center articles. We get about 2,000 tickets a day and the budget is $300 a month. Deploy it serverless, in Python, in Frankfurt.",
  "Can you build me a data analyst that takes our sales CSV exports, runs Python to crunch the numbers and makes charts? Deploy it as a container on Fargate.",
  "A travel concierge chatbot for our hotel guests that remembers their preferences across stays and looks up local events online.",
];

const CONVERSATION = [
  { role: "user" as const, content: MESSAGES[0]! },
  { role: "assistant" as const, content: "Here is what I understood: … What is it?" },
  { role: "user" as const, content: "It's KB7X9Q2LMN" },
  { role: "assistant" as const, content: "Roughly how many requests a day do you expect?" },
  { role: "user" as const, content: "about 3k a day" },
];

const round = (n: number) => Math.round(n * 1000) / 1000;

async function measure(fn: (i: number) => unknown | Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < WARMUP; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: round(percentile(times, 0.5)), p99: round(percentile(times, 0.99)) };
}

export async function run(): Promise<Record<string, number>> {
  const registry = loadRegistryFrom(join(process.cwd(), "registry"));
  const one = await measure((i) => extractSpec([{ role: "user", content: MESSAGES[i % MESSAGES.length]! }], {}, registry));
  const whole = await measure(() => extractSpec(CONVERSATION, {}, registry));
  const model = new RuleBasedLanguageModel({ registry });
  const result = extractSpec(CONVERSATION.slice(0, 1), {}, registry);
  const request = { system: buildPmSystemPrompt(result, registry), messages: CONVERSATION.slice(0, 1) };
  const firstChunk = await measure(async () => {
    for await (const event of model.stream(request)) if (event.type === "text") break;
  });
  return {
    "extract one message p50 (ms)": one.p50,
    "extract one message p99 (ms)": one.p99,
    "extract 3-turn conversation p50 (ms)": whole.p50,
    "offline model first chunk p50 (ms)": firstChunk.p50,
    "offline model first chunk p99 (ms)": firstChunk.p99,
  };
}
