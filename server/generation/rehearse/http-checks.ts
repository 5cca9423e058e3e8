import type { RehearsalCheck, RehearsalCheckName } from "./types";

/**
 * The calls a client makes to a deployed agent, each a check with its timing: one answer,
 * one streamed answer, usage per request, two sessions at once, a busy session, a bad request.
 */

const SESSION_HEADER = "x-amzn-bedrock-agentcore-runtime-session-id";
const session = (n: number) => `rehearsal-session-${String(n).padStart(4, "0")}-${"x".repeat(20)}`;

type Answer = { status: number; body: string; contentType: string; chunks: number };

async function call(url: string, body: string, headers: Record<string, string> = {}, timeoutMs: number): Promise<Answer> {
  const res = await fetch(`${url}/invocations`, { method: "POST", body, headers: { "content-type": "application/json", ...headers }, signal: AbortSignal.timeout(timeoutMs) });
  let text = "";
  let chunks = 0;
  const decoder = new TextDecoder();
  const reader = res.body?.getReader();
  for (let r = await reader?.read(); r && !r.done; r = await reader!.read()) {
    chunks++;
    text += decoder.decode(r.value, { stream: true });
  }
  return { status: res.status, body: text, contentType: res.headers.get("content-type") ?? "", chunks };
}

export const invoke = (url: string, prompt: string, sessionNo: number, timeoutMs: number, extra: Record<string, string> = {}) =>
  call(url, JSON.stringify({ prompt }), { [SESSION_HEADER]: session(sessionNo), ...extra }, timeoutMs);

type Usage = { inputTokens: number; outputTokens: number };
export function answerOf(a: Answer): { output: string; usage: Usage } {
  if (a.status !== 200) throw new Error(`HTTP ${a.status}: ${a.body.slice(0, 300)}`);
  const parsed = JSON.parse(a.body) as { output?: unknown; usage?: Usage };
  if (typeof parsed.output !== "string" || !parsed.output) throw new Error(`no output in ${a.body.slice(0, 200)}`);
  if (!parsed.usage || !(parsed.usage.inputTokens > 0) || !(parsed.usage.outputTokens > 0)) throw new Error(`no token usage in ${a.body.slice(0, 200)}`);
  return { output: parsed.output, usage: parsed.usage };
}

function events(a: Answer): Array<{ type: string; [k: string]: unknown }> {
  return a.body
    .split("\n\n")
    .map((block) => block.split("\n").filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\n"))
    .filter(Boolean)
    .map((data) => JSON.parse(data) as { type: string });
}

export async function timed(name: RehearsalCheckName, fn: () => Promise<string>): Promise<RehearsalCheck> {
  const t0 = performance.now();
  try {
    const detail = await fn();
    return { name, ok: true, ms: Math.round(performance.now() - t0), detail };
  } catch (e) {
    return { name, ok: false, ms: Math.round(performance.now() - t0), detail: e instanceof Error ? e.message : String(e) };
  }
}

export async function clientChecks(url: string, o: { sessions: boolean; timeoutMs: number }): Promise<RehearsalCheck[]> {
  const t = o.timeoutMs;
  const checks: RehearsalCheck[] = [];
  checks.push(await timed("invoke", async () => `answered: ${answerOf(await invoke(url, "Hello, who are you?", 1, t)).output.slice(0, 60)}`));
  checks.push(
    await timed("stream", async () => {
      const a = await invoke(url, "Stream a short greeting", 2, t, { accept: "text/event-stream" });
      if (a.status !== 200) throw new Error(`HTTP ${a.status}: ${a.body.slice(0, 300)}`);
      if (!a.contentType.includes("text/event-stream")) throw new Error(`answered ${a.contentType || "no content type"}, not text/event-stream`);
      const list = events(a);
      const texts = list.filter((e) => e.type === "text").length;
      const final = list.at(-1);
      if (texts === 0 || final?.type !== "final") throw new Error(`expected text deltas then a final event, got ${list.map((e) => e.type).join(", ") || "nothing"}`);
      return `${texts} text events in ${a.chunks} chunks, then final`;
    }),
  );
  checks.push(
    await timed("usage-per-request", async () => {
      const first = answerOf(await invoke(url, "Say the same thing twice", 3, t)).usage;
      const second = answerOf(await invoke(url, "Say the same thing twice", 3, t)).usage;
      // The same prompt on the same session gets the same reply from the mock: per-request output tokens match, a running total doubles.
      if (second.outputTokens !== first.outputTokens) throw new Error(`second call reported ${second.outputTokens} output tokens after ${first.outputTokens}: usage is not per request`);
      return `${first.outputTokens} output tokens on each of two calls`;
    }),
  );
  checks.push(
    await timed("concurrent-sessions", async () => {
      const both = await Promise.all([invoke(url, "First session", 4, t), invoke(url, "Second session", 5, t)]);
      both.forEach(answerOf);
      return "two sessions answered at once";
    }),
  );
  if (o.sessions) {
    checks.push(
      await timed("busy-session", async () => {
        const statuses = (await Promise.all([1, 2, 3].map(() => invoke(url, "One session, three calls", 6, t)))).map((a) => a.status);
        if (statuses.some((s) => s !== 200 && s !== 409)) throw new Error(`three calls on one session answered ${statuses.join(", ")}: expected 200 or 409`);
        return `answered ${statuses.join(", ")}`;
      }),
    );
  }
  checks.push(
    await timed("bad-request", async () => {
      const a = await call(url, "this is not json", { [SESSION_HEADER]: session(7) }, t);
      if (a.status < 400 || a.status > 499) throw new Error(`a body that is not JSON got HTTP ${a.status}, not 4xx`);
      return `HTTP ${a.status}`;
    }),
  );
  return checks;
}
