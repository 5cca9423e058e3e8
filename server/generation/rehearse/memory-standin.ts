import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { listenHttp, readBody, type ListeningServer } from "../../test-runs/model/listen";

/**
 * A stand-in for the AgentCore Memory data plane (the three calls the generated memory tool
 * makes: CreateEvent, ListEvents, RetrieveMemoryRecords), in memory, keyed exactly as the
 * service keys events: memory, actor, session. The rehearsal points the generated code's
 * AWS SDK at it, so what the agent records and lists is what the real service would keep apart.
 */

const Payload = z.array(z.object({ conversational: z.object({ role: z.string(), content: z.object({ text: z.string() }) }) }).passthrough()).min(1);
const CreateEvent = z.object({ actorId: z.string().min(1), sessionId: z.string().min(1), eventTimestamp: z.number(), payload: Payload }).passthrough();

type StoredEvent = { memoryId: string; actorId: string; sessionId: string; eventId: string; eventTimestamp: number; payload: unknown };

export type MemoryStandIn = ListeningServer & { endpoint: string; events: StoredEvent[] };

const CREATE = /^\/memories\/([^/]+)\/events$/;
const LIST = /^\/memories\/([^/]+)\/actor\/([^/]+)\/sessions\/([^/]+)$/;
const RETRIEVE = /^\/memories\/([^/]+)\/retrieve$/;

function answer(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

function handler(events: StoredEvent[]) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0]!;
    void readBody(req).then((text) => {
      if (req.method !== "POST") return answer(res, 404, { message: `no route for ${req.method} ${path}` });
      const create = CREATE.exec(path);
      if (create) {
        let body: unknown;
        try {
          body = JSON.parse(text || "{}");
        } catch {
          return answer(res, 400, { message: "the body is not JSON" });
        }
        const parsed = CreateEvent.safeParse(body);
        if (!parsed.success) return answer(res, 400, { message: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") });
        const event = { memoryId: decodeURIComponent(create[1]!), actorId: parsed.data.actorId, sessionId: parsed.data.sessionId, eventId: `${Date.now()}#${events.length.toString(16).padStart(8, "0")}`, eventTimestamp: parsed.data.eventTimestamp, payload: parsed.data.payload };
        events.push(event);
        return answer(res, 201, { event });
      }
      const list = LIST.exec(path);
      if (list) {
        const [memoryId, actorId, sessionId] = list.slice(1).map((s) => decodeURIComponent(s!));
        return answer(res, 200, { events: events.filter((e) => e.memoryId === memoryId && e.actorId === actorId && e.sessionId === sessionId) });
      }
      // Long-term records come from the service's extraction strategies, which are not stood in: none yet.
      if (RETRIEVE.test(path)) return answer(res, 200, { memoryRecordSummaries: [] });
      return answer(res, 404, { message: `no route for POST ${path}` });
    }, () => answer(res, 413, { message: "request too large" }));
  };
}

export async function startMemoryStandIn(): Promise<MemoryStandIn> {
  const events: StoredEvent[] = [];
  const server = await listenHttp(handler(events), { port: 0 });
  return { ...server, endpoint: server.url!.replace(/\/v1$/, ""), events };
}
