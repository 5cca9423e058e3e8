import type { IncomingMessage, ServerResponse } from "node:http";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { listenHttp, readBody, type ListeningServer } from "../../test-runs/model/listen";
import { callGatewayTool, type GatewayTool } from "./gateway-targets";
import { verifySigV4, type SigV4Scope } from "./sigv4-verify";

/**
 * A stand-in for the AgentCore Gateway a generated stack creates (MCP over streamable HTTP,
 * AWS_IAM inbound auth): every request must carry a valid SigV4 signature for
 * bedrock-agentcore with the rehearsal's credentials, or it is refused with 403 before MCP sees
 * it; tools/list gives the targets' operations as `<target>___<operationId>`; tools/call calls
 * the user's API with the key from the agent's secret (the rehearsal's value) in its header.
 */

const SIGNING_SERVICE = "bedrock-agentcore";
const CALL_TIMEOUT_MS = 20_000;

export type GatewayCall = { tool: string; status: number };
export type GatewayStandIn = ListeningServer & {
  /** The MCP endpoint, as AGENT_GATEWAY_URL. */
  endpoint: string;
  calls: GatewayCall[];
  /** Requests let through after their signature was checked. */
  verified: number;
  /** Why each refused request was refused. */
  refused: string[];
  /** The tools it serves and the scope it checks signatures against (the rehearsal's checks use both). */
  tools: GatewayTool[];
  scope: Omit<SigV4Scope, "service">;
};

export type GatewayStandInOptions = { tools: GatewayTool[]; scope: Omit<SigV4Scope, "service">; secret: (key: string) => string | undefined };

function mcpServer(o: GatewayStandInOptions, calls: GatewayCall[]): Server {
  const server = new Server({ name: "agentcore-gateway-standin", version: "1.0.0" }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: o.tools.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const tool = o.tools.find((t) => t.name === request.params.name);
    if (!tool) return { content: [{ type: "text", text: `unknown tool ${request.params.name}` }], isError: true };
    try {
      const answer = await callGatewayTool(tool, request.params.arguments ?? {}, o.secret, CALL_TIMEOUT_MS);
      calls.push({ tool: tool.name, status: answer.status });
      return { content: [{ type: "text", text: answer.text }], isError: answer.status >= 400 };
    } catch (e) {
      calls.push({ tool: tool.name, status: 0 });
      return { content: [{ type: "text", text: `the API could not be called: ${(e as Error).message}` }], isError: true };
    }
  });
  return server;
}

const refuse = (res: ServerResponse, status: number, message: string) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ message }));

export async function startGatewayStandIn(o: GatewayStandInOptions): Promise<GatewayStandIn> {
  const calls: GatewayCall[] = [];
  const refused: string[] = [];
  let verified = 0;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const verdict = await verifySigV4({ method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body }, { ...o.scope, service: SIGNING_SERVICE });
    if (!verdict.ok) {
      refused.push(verdict.reason);
      return refuse(res, 403, verdict.reason);
    }
    verified++;
    if ((req.url ?? "").split("?")[0] !== "/mcp") return refuse(res, 404, `no route for ${req.url}`);
    // Stateless streamable HTTP: a server and transport per request, as the MCP SDK does it without sessions.
    const server = mcpServer(o, calls);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on("close", () => void transport.close().then(() => server.close()));
    await server.connect(transport);
    await transport.handleRequest(req, res, body ? JSON.parse(body) : undefined);
  };
  const listening = await listenHttp((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) refuse(res, 400, e instanceof Error ? e.message : String(e));
    });
  }, { port: 0 });
  return {
    ...listening,
    endpoint: `${listening.url!.replace(/\/v1$/, "")}/mcp`,
    calls,
    get verified() {
      return verified;
    },
    refused,
    tools: o.tools,
    scope: o.scope,
  };
}
