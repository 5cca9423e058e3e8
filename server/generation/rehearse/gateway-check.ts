import { isLoopback, pathPattern, REHEARSAL_CREDENTIAL, startApiStandIn, type Seen } from "./api-tool-check";
import type { GatewayStandIn } from "./gateway-standin";
import type { GatewayTool } from "./gateway-targets";
import { answerOf, invoke } from "./http-checks";
import { signRequest } from "./sigv4-verify";
import type { RehearsalCheck } from "./types";

/**
 * The rehearsal of APIs served through the AgentCore Gateway: the mock model asks for the
 * gateway's tool, the agent calls it over MCP with SigV4-signed requests, the stand-in gateway
 * checks each signature and calls the stand-in API with the key in its header ("gateway-tool").
 * Then requests without a signature, or signed with a wrong secret, must be refused with 403
 * ("gateway-auth"). An API off this machine is not called (the rehearsal has no network).
 */

const LIST_TOOLS = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} });
const MCP_HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream" };

const elapsed = (t0: number) => Math.round(performance.now() - t0);
const keySent = (tool: GatewayTool, s: Seen) => s.headers[tool.credential.header.toLowerCase()] === `${tool.credential.prefix}${REHEARSAL_CREDENTIAL}`;

async function toolCheck(url: string, gateway: GatewayStandIn, tool: GatewayTool, timeoutMs: number): Promise<RehearsalCheck> {
  const t0 = performance.now();
  const api = await startApiStandIn(Number(new URL(tool.baseUrl).port || 80));
  try {
    const answer = answerOf(await invoke(url, `Please use the ${tool.name} tool.`, 91, timeoutMs));
    const hit = api.seen.find((s) => s.method === tool.method && pathPattern(tool.baseUrl, tool.path).test(s.path));
    const detail = (what: string) => ({ name: "gateway-tool" as const, ms: elapsed(t0), detail: what });
    if (gateway.verified === 0) return { ok: false, ...detail(`the agent never reached the gateway with a valid signature (refused: ${gateway.refused.join("; ") || "none"})`) };
    if (!gateway.calls.some((c) => c.tool === tool.name)) return { ok: false, ...detail(`the agent did not call ${tool.name} through the gateway (answer: ${answer.output.slice(0, 120)})`) };
    if (!hit) return { ok: false, ...detail(`the gateway did not call ${tool.method} ${tool.path} (requests: ${api.seen.map((s) => `${s.method} ${s.path}`).join(", ") || "none"})`) };
    if (!keySent(tool, hit)) return { ok: false, ...detail(`the gateway called ${hit.path} without the key in ${tool.credential.header}`) };
    return { ok: true, ...detail(`the mock model asked for ${tool.name}; the agent called it through the stand-in gateway with ${gateway.verified} SigV4-signed request(s), and the gateway called ${hit.method} ${hit.path} with the key from the secret in ${tool.credential.header}`) };
  } catch (e) {
    return { name: "gateway-tool", ok: false, ms: elapsed(t0), detail: `${tool.name}: ${(e as Error).message}` };
  } finally {
    await new Promise((resolve) => api.server.close(resolve));
  }
}

async function authCheck(gateway: GatewayStandIn, timeoutMs: number): Promise<RehearsalCheck> {
  const t0 = performance.now();
  const endpoint = new URL(gateway.endpoint);
  const refusedByAgent = gateway.refused.length;
  const post = (headers: Record<string, string>) => fetch(endpoint, { method: "POST", headers, body: LIST_TOOLS, signal: AbortSignal.timeout(timeoutMs) }).then((r) => r.status);
  const unsigned = await post(MCP_HEADERS);
  const { credentials, region } = gateway.scope;
  const wrongSecret = { accessKeyId: credentials.accessKeyId, secretAccessKey: `${credentials.secretAccessKey}-not-it` };
  const forged = await signRequest({ method: "POST", url: endpoint, headers: MCP_HEADERS, body: LIST_TOOLS }, { credentials: wrongSecret, region, service: "bedrock-agentcore" });
  const badlySigned = await post(Object.fromEntries(Object.entries(forged).filter(([h]) => h !== "host")));
  const ok = unsigned === 403 && badlySigned === 403 && refusedByAgent === 0;
  const detail = ok
    ? "the stand-in gateway refused an unsigned request and one signed with a wrong secret (403); none of the agent's requests was refused"
    : `unsigned: HTTP ${unsigned}, wrong secret: HTTP ${badlySigned} (both should be 403); the agent's refused requests: ${gateway.refused.slice(0, refusedByAgent).join("; ") || "none"}`;
  return { name: "gateway-auth", ok, ms: elapsed(t0), detail };
}

/** The gateway's first tool on this machine called through it, then the signature enforced; nothing without gateway tools. */
export async function gatewayChecks(url: string, gateway: GatewayStandIn, timeoutMs: number): Promise<RehearsalCheck[]> {
  const local = gateway.tools.find((t) => isLoopback(t.baseUrl));
  return [...(local ? [await toolCheck(url, gateway, local, timeoutMs)] : []), await authCheck(gateway, timeoutMs)];
}
