import { createServer, type Server } from "node:http";
import { ApiToolsSection, type ApiTool } from "../../spec/api-tools";
import { answerOf, invoke } from "./http-checks";
import type { RehearsalCheck } from "./types";

/**
 * The rehearsal of the user's own API tools: for an API whose base URL is on this machine
 * (127.0.0.1 / localhost), a stand-in for that API listens on its port and answers like a
 * petstore; the mock model is asked for the tool, the generated tool calls the stand-in, and
 * the check passes when the request arrived with the right method, path and credential.
 * APIs elsewhere are not called (the rehearsal has no network); they are named as not rehearsed.
 */

const LOOPBACK = new Set(["127.0.0.1", "localhost"]);
/** The credential the rehearsal gives the agent for an API with auth (never a real secret). */
export const REHEARSAL_CREDENTIAL = "rehearsal-credential";

function apisOf(files: Map<string, string>): ApiTool[] {
  try {
    const spec = JSON.parse(files.get("agent-spec.json") ?? "{}") as { apiTools?: unknown };
    const parsed = ApiToolsSection.safeParse(spec.apiTools ?? []);
    return parsed.success ? parsed.data.filter((a) => a.exposure === "agent") : [];
  } catch {
    return [];
  }
}

/** Whether an API at `baseUrl` is on this machine (the only APIs the rehearsal calls). */
export const isLoopback = (baseUrl: string) => LOOPBACK.has(new URL(baseUrl).hostname);

/** Environment for the booted agent: each API's credential variable set to the rehearsal value. */
export function apiToolEnvironment(files: Map<string, string>): Record<string, string> {
  return Object.fromEntries(apisOf(files).filter((a) => a.auth.kind !== "none").map((a) => [(a.auth as { secretName: string }).secretName, REHEARSAL_CREDENTIAL]));
}

export type Seen = { method: string; path: string; headers: Record<string, string | string[] | undefined> };

/** A petstore-like stand-in for the user's API on `port`, recording every request it gets. */
export async function startApiStandIn(port: number): Promise<{ server: Server; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers });
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: "p-1", name: "Rex", status: "available" }));
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", resolve));
  return { server, seen };
}

/** `/pets/{petId}` → a pattern for the path the tool requested (below the base URL's own path). */
export const pathPattern = (baseUrl: string, path: string) =>
  new RegExp(`^${(new URL(baseUrl).pathname.replace(/\/+$/, "") + path).replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}|\{[^}]+\}/g, "[^/?]+")}(\\?|$)`);

function credentialSent(api: ApiTool, s: Seen): boolean {
  if (api.auth.kind === "none") return true;
  if (api.auth.kind === "bearer") return s.headers.authorization === `Bearer ${REHEARSAL_CREDENTIAL}`;
  return s.headers[api.auth.headerName.toLowerCase()] === REHEARSAL_CREDENTIAL;
}

async function checkOne(url: string, api: ApiTool, timeoutMs: number): Promise<RehearsalCheck> {
  const t0 = performance.now();
  const op = api.operations[0]!;
  const ms = () => Math.round(performance.now() - t0);
  let stand: Awaited<ReturnType<typeof startApiStandIn>> | undefined;
  try {
    stand = await startApiStandIn(Number(new URL(api.baseUrl).port || 80));
    const answer = answerOf(await invoke(url, `Please use the ${op.name} tool.`, 90, timeoutMs));
    const hit = stand.seen.find((s) => s.method === op.method && pathPattern(api.baseUrl, op.path).test(s.path));
    if (!hit) return { name: "api-tool", ok: false, ms: ms(), detail: `the ${op.name} tool did not call ${op.method} ${op.path} (requests: ${stand.seen.map((s) => `${s.method} ${s.path}`).join(", ") || "none"}; answer: ${answer.output.slice(0, 120)})` };
    if (!credentialSent(api, hit)) return { name: "api-tool", ok: false, ms: ms(), detail: `the ${op.name} tool called ${hit.path} without the ${api.auth.kind} credential` };
    return { name: "api-tool", ok: true, ms: ms(), detail: `the mock model asked for ${op.name}; it called ${hit.method} ${hit.path} on the stand-in API with the ${api.auth.kind} credential and answered: ${answer.output.slice(0, 80)}` };
  } catch (e) {
    return { name: "api-tool", ok: false, ms: ms(), detail: `${op.name}: ${e instanceof Error ? e.message : String(e)}` };
  } finally {
    if (stand) await new Promise((resolve) => stand!.server.close(resolve));
  }
}

/** One check per local API (its first operation); nothing when the project has no API tools. */
export async function apiToolChecks(files: Map<string, string>, url: string, timeoutMs: number): Promise<RehearsalCheck[]> {
  const checks: RehearsalCheck[] = [];
  for (const api of apisOf(files)) {
    if (isLoopback(api.baseUrl)) checks.push(await checkOne(url, api, timeoutMs));
  }
  return checks;
}

