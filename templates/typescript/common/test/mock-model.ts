import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A scripted OpenAI-compatible Chat Completions endpoint on 127.0.0.1 (streaming only). */

export type ScriptedReply = { text: string } | { toolCall: { name: string; arguments: Record<string, unknown> } };
export type MockModel = { url: string; requests: Array<Record<string, unknown>>; close(): Promise<void> };

const chunk = (delta: object, finish: string | null = null) => ({
  id: "mock",
  object: "chat.completion.chunk",
  created: 0,
  model: "mock",
  choices: [{ index: 0, delta, finish_reason: finish }],
});

export async function startMockModel(replies: ScriptedReply[]): Promise<MockModel> {
  const requests: Array<Record<string, unknown>> = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (part: Buffer) => (body += part.toString("utf8")));
    req.on("end", () => {
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
        res.writeHead(404).end();
        return;
      }
      requests.push(JSON.parse(body) as Record<string, unknown>);
      const reply = replies[Math.min(requests.length, replies.length) - 1] ?? { text: "done" };
      const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      if ("text" in reply) {
        send(chunk({ role: "assistant", content: "" }));
        send(chunk({ content: reply.text }));
        send(chunk({}, "stop"));
      } else {
        const call = { index: 0, id: `call_${requests.length}`, type: "function", function: { name: reply.toolCall.name, arguments: JSON.stringify(reply.toolCall.arguments) } };
        send(chunk({ role: "assistant", tool_calls: [call] }));
        send(chunk({}, "tool_calls"));
      }
      send({ ...chunk({}), choices: [], usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 } });
      res.end("data: [DONE]\n\n");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
