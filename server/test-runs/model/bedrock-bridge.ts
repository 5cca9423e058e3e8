import type { IncomingMessage, ServerResponse } from "node:http";
import { ChatRequest } from "../mock-model/policy";
import { listenHttp, readBody, type ListenOn, type ListeningServer } from "./listen";
import { streamTranslator, toConverseInput } from "./bedrock-translate";

/**
 * An OpenAI-compatible endpoint backed by Bedrock ConverseStream. It runs on the host with
 * the platform's AWS credentials; the sandboxed agent talks to it over its socket, so neither
 * credentials nor network ever enter the sandbox.
 */

export type BedrockSender = { send(command: unknown): Promise<unknown> };

async function defaultClient(region: string): Promise<BedrockSender> {
  const { BedrockRuntimeClient } = await import("@aws-sdk/client-bedrock-runtime");
  return new BedrockRuntimeClient({ region }) as unknown as BedrockSender;
}

export function bedrockHandler(o: { modelId: string; client: Promise<BedrockSender> }) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0]!;
    if (req.method === "GET" && path === "/v1/models") {
      return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ object: "list", data: [{ id: o.modelId, object: "model" }] }));
    }
    if (req.method !== "POST" || path !== "/v1/chat/completions") return void res.writeHead(404).end();
    void (async () => {
      const parsed = ChatRequest.parse(JSON.parse(await readBody(req)));
      const { ConverseStreamCommand } = await import("@aws-sdk/client-bedrock-runtime");
      const out = (await (await o.client).send(new ConverseStreamCommand(toConverseInput(parsed, o.modelId)))) as { stream?: AsyncIterable<Parameters<ReturnType<typeof streamTranslator>>[0]> };
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      const translate = streamTranslator();
      const chunk = (choices: unknown[], extra: object = {}) => res.write(`data: ${JSON.stringify({ id: "chatcmpl-bedrock", object: "chat.completion.chunk", created: 0, model: o.modelId, choices, ...extra })}\n\n`);
      for await (const event of out.stream ?? []) {
        const d = translate(event);
        if (d?.delta) chunk([{ index: 0, delta: d.delta, finish_reason: null }]);
        if (d?.finish) chunk([{ index: 0, delta: {}, finish_reason: d.finish }]);
        if (d?.usage) chunk([], { usage: d.usage });
      }
      res.end("data: [DONE]\n\n");
    })().catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `Bedrock failed: ${e instanceof Error ? e.message : String(e)}` } }));
    });
  };
}

export function startBedrockBridge(o: { modelId: string; region: string; client?: BedrockSender }, on: ListenOn): Promise<ListeningServer> {
  return listenHttp(bedrockHandler({ modelId: o.modelId, client: o.client ? Promise.resolve(o.client) : defaultClient(o.region) }), on);
}
