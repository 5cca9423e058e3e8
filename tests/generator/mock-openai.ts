import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A tiny OpenAI-compatible Chat Completions server on 127.0.0.1 that streams scripted
 * replies: a tool call, then an answer. It stands in for the model in generated-project tests.
 */

export type Scripted = { text: string } | { tool: string; input: Record<string, unknown> };

export async function startMockOpenAI(script: Scripted[]) {
  const requests: Array<Record<string, unknown>> = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString("utf8")));
    req.on("end", () => {
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) return void res.writeHead(404).end();
      requests.push(JSON.parse(body) as Record<string, unknown>);
      const reply = script[Math.min(requests.length, script.length) - 1]!;
      const chunk = (delta: object, finish: string | null = null) =>
        `data: ${JSON.stringify({ id: "m", object: "chat.completion.chunk", created: 0, model: "mock", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      res.writeHead(200, { "content-type": "text/event-stream" });
      if ("text" in reply) {
        res.write(chunk({ role: "assistant", content: reply.text }));
        res.write(chunk({}, "stop"));
      } else {
        const call = { index: 0, id: `call_${requests.length}`, type: "function", function: { name: reply.tool, arguments: JSON.stringify(reply.input) } };
        res.write(chunk({ role: "assistant", tool_calls: [call] }));
        res.write(chunk({}, "tool_calls"));
      }
      res.write(`data: ${JSON.stringify({ id: "m", object: "chat.completion.chunk", created: 0, model: "mock", choices: [], usage: { prompt_tokens: 30, completion_tokens: 5, total_tokens: 35 } })}\n\n`);
      res.end("data: [DONE]\n\n");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}
