import { startMockModelServer } from "../../test-runs/mock-model/server";
import { approvalChecks } from "./approval-check";
import { guardrailCheck, specGuardrails } from "./guardrail-check";
import { filesFromVersion } from "../../test-runs/prepare/project-files";
import type { ProjectFiles } from "../types";
import { apiToolChecks, apiToolEnvironment } from "./api-tool-check";
import { bootAgent } from "./agent-process";
import { start, stop, type Booted } from "./boot";
import { deployedShape, type DeployedShape } from "./deployed-shape";
import { clientChecks } from "./http-checks";
import { buildProject, depsCached, nodeFor, removeDir, scratchDir } from "./runtime";
import { startStandIns, type StandIns } from "./standins";
import { THROWAWAY_CREDENTIALS } from "./throwaway-credentials";
import { startMockBedrockEndpoint } from "../../test-runs/mock-model/bedrock-endpoint";
import type { RehearsalCheck, RehearsalOptions, RehearsalResult } from "./types";

const DEFAULT_STEP_MS = 60_000;
const decoder = new TextDecoder();
const asText = (c: string | Uint8Array) => (typeof c === "string" ? c : decoder.decode(c));

/** CloudFormation values as the rehearsal passes them: strings, with references made visible placeholders. */
function resolveEnv(env: Record<string, unknown>, region: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = String(v);
    else if (v && typeof v === "object" && "Ref" in v) out[k] = `arn:aws:secretsmanager:${region}:000000000000:secret:rehearsal-${String((v as { Ref: unknown }).Ref)}`;
    else out[k] = `rehearsal-${JSON.stringify(v).replace(/\W+/g, "-").slice(0, 40)}`;
  }
  return out;
}

/** Where the agent's model client is pointed: only its endpoint, never its provider or model id. */
type ModelEndpoint = { env: Record<string, string>; what: string };

/**
 * The spec's provider is kept. Bedrock (the deployed default): the unchanged Bedrock client is
 * sent to the mock's Bedrock-compatible endpoint by AWS_ENDPOINT_URL_BEDROCK_RUNTIME, with
 * throw-away credentials (the SDK signs; only the loopback mock receives them). An Ollama or
 * OpenAI-compatible endpoint the spec chose: its base URL becomes the mock's.
 */
function modelEndpoint(files: Map<string, string>, mockUrl: string, bedrockEndpoint: string): ModelEndpoint {
  const config = JSON.parse(files.get("agent_config.json") ?? "{}") as { model?: { provider?: string } };
  const provider = config.model?.provider ?? "bedrock";
  if (provider === "ollama") return { env: { AGENT_MODEL_BASE_URL: mockUrl.replace(/\/v1$/, "") }, what: "the Ollama endpoint swapped for the mock model" };
  if (provider === "openai-compatible") return { env: { AGENT_MODEL_BASE_URL: mockUrl }, what: "the OpenAI-compatible endpoint swapped for the mock model" };
  return { env: { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: bedrockEndpoint, ...THROWAWAY_CREDENTIALS }, what: "Bedrock Runtime's endpoint swapped for the mock model's Bedrock-compatible one" };
}

/** The environment: the IaC's, then the model endpoint swapped for the mock, and AWS made unreachable. */
function environment(shape: DeployedShape, region: string, model: ModelEndpoint, scratch: string, port: number, standIns: StandIns): Record<string, string> {
  return {
    PATH: "/usr/bin:/bin",
    HOME: scratch,
    TMPDIR: scratch,
    LANG: "C.UTF-8",
    ...(shape.kind === "container" ? { NODE_ENV: "production" } : { AWS_LAMBDA_FUNCTION_NAME: "rehearsal", LAMBDA_TASK_ROOT: "." }),
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    ...resolveEnv(shape.env, region),
    // No metadata service and every other AWS endpoint unreachable: an unfilled secret fails at once.
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_ENDPOINT_URL: "http://127.0.0.1:9",
    ...standIns.env,
    ...model.env,
    PORT: String(port),
  };
}

const nodeMajor = (shape: DeployedShape, dockerfile: string | undefined): string | null => {
  if (shape.kind === "lambda") return /^nodejs(\d+)\.x$/.exec(shape.runtime)?.[1] ?? null;
  const from = [...(dockerfile ?? "").matchAll(/^FROM\s+(?:--platform=\S+\s+)?node:(\d+)/gim)].at(-1);
  return from?.[1] ?? null;
};

function result(status: RehearsalResult["status"], reason: string | null, how: string | null, checks: RehearsalCheck[], t0: number): RehearsalResult {
  return { status, reason, how, checks, ms: Math.round(performance.now() - t0) };
}

/**
 * Boots a generated TypeScript project the way its IaC runs it and calls it like a client.
 * Python projects are reported skipped (their dependencies cannot be installed here).
 * Never throws: a failure is a failed check with the reason.
 */
export async function rehearseProject(input: ProjectFiles, o: RehearsalOptions): Promise<RehearsalResult> {
  const t0 = performance.now();
  const files = new Map([...input].map(([p, c]) => [p, asText(c)]));
  if (!files.has("package.json")) {
    const python = files.has("requirements.txt");
    return result(python ? "skipped" : "not-applicable", python ? "skipped: dependencies unavailable (Python packages cannot be installed on this machine)" : "not a TypeScript or Python agent project", null, [], t0);
  }
  let shape: DeployedShape;
  try {
    shape = deployedShape(files);
  } catch (e) {
    return result("failed", `cannot tell how the IaC runs the project: ${(e as Error).message}`, null, [], t0);
  }
  const loaded = filesFromVersion(input);
  if (o.onlyWhenCached && !depsCached(loaded, o.cacheRoot)) {
    return result("skipped", "skipped: the project's dependencies are not cached yet (QA rehearses only with cached dependencies)", null, [], t0);
  }
  return rehearseTypeScript(loaded, files, shape, o, t0);
}

async function rehearseTypeScript(loaded: ReturnType<typeof filesFromVersion>, files: Map<string, string>, shape: DeployedShape, o: RehearsalOptions, t0: number): Promise<RehearsalResult> {
  const stepMs = o.stepTimeoutMs ?? DEFAULT_STEP_MS;
  const checks: RehearsalCheck[] = [];
  const spec = JSON.parse(files.get("agent-spec.json") ?? "{}") as { deployment?: { region?: string }; guardrails?: unknown; approval?: unknown };
  const guardrails = specGuardrails(spec);
  const region = spec.deployment?.region ?? "us-east-1";
  const major = nodeMajor(shape, files.get("Dockerfile"));
  const scratch = scratchDir(o.cacheRoot);
  let booted: Booted | null = null;
  const model = await startMockModelServer({ port: 0 }, { guardrails });
  const bedrock = await startMockBedrockEndpoint(model.stats, { guardrails });
  let standIns: StandIns | null = null;
  try {
    // Inside the try: a template the stand-ins cannot read is a failed check, and the mock model still closes.
    standIns = await startStandIns(files, region);
    const stood = standIns;
    const t = performance.now();
    const built = await buildProject(loaded, o.cacheRoot, stepMs);
    const node = await nodeFor(major ?? process.versions.node.split(".")[0]!, o.cacheRoot);
    checks.push({ name: "build", ok: true, ms: Math.round(performance.now() - t), detail: `dependencies ${built.depsCached ? "cached" : "installed"}, build ${built.buildCached ? "cached" : "compiled"}; Node ${node.version}${node.note ? ` (${node.note})` : ""}` });
    const endpoint = modelEndpoint(files, model.url!, bedrock.endpoint);
    let env: Record<string, string> = {};
    const agent = await bootAgent({ shape, node: node.binary, dir: built.dir, scratch, stepMs, envFor: (p) => (env = { ...environment(shape, region, endpoint, scratch, p, stood), ...apiToolEnvironment(files) }) });
    booted = agent.booted;
    checks.push(agent.check);
    const how = describe(shape, node.version, stood, endpoint, agent.portNote);
    if (!agent.check.ok) return finish(checks, how, t0);
    const { port } = agent;
    const url = `http://127.0.0.1:${port}`;
    if (shape.kind === "container" && shape.healthCheck) checks.push(await healthCheck(shape.healthCheck, node.binary, built.dir, env, port, stepMs));
    checks.push(...(await clientChecks(url, { sessions: shape.kind === "container", timeoutMs: stepMs })));
    checks.push(...(await apiToolChecks(files, url, stepMs)));
    const guarded = guardrails ? await guardrailCheck(url, guardrails, stepMs) : null;
    if (guarded) checks.push(guarded);
    const approvalExpected = files.has("src/approval.ts");
    // On AgentCore only /invocations reaches the agent, so decisions go there; on ECS, to the approval endpoints; a Lambda resumes on a second call.
    const decideVia = shape.kind === "lambda" ? "resume" : shape.runtime === "agentcore" ? "invocations" : "endpoints";
    checks.push(...(await approvalChecks(url, [...(model.stats.toolNames ?? [])].sort(), approvalExpected, stepMs, decideVia)));
    checks.push(...(await stood.checks(url, stepMs)));
    return finish(checks, how, t0);
  } catch (e) {
    checks.push({ name: "build", ok: false, ms: Math.round(performance.now() - t0), detail: (e as Error).message });
    return finish(checks, null, t0);
  } finally {
    if (booted) await stop(booted);
    await model.close();
    await bedrock.close();
    await standIns?.close();
    removeDir(scratch);
  }
}

/** The ECS container health check, run as the agent's container would (its port rewritten to the rehearsal's). */
async function healthCheck(command: string[], node: string, cwd: string, env: Record<string, string>, port: number, timeoutMs: number): Promise<RehearsalCheck> {
  const t = performance.now();
  const argv = command.map((a) => a.replace(/127\.0\.0\.1:8080/g, `127.0.0.1:${port}`));
  const b = start(argv[0] === "node" ? [node, ...argv.slice(1)] : argv, { cwd, env });
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => void stop(b).then(() => resolve(null)), timeoutMs);
    b.child.on("close", (c) => (clearTimeout(timer), resolve(c)));
  });
  return { name: "health-check", ok: code === 0, ms: Math.round(performance.now() - t), detail: code === 0 ? "the task definition's health check passed" : `the health check exited ${code}: ${b.output().slice(-300)}` };
}

const awsNote = (standIns: StandIns, model: ModelEndpoint) => {
  const throwaway = "AWS_ACCESS_KEY_ID" in model.env || "AWS_ACCESS_KEY_ID" in standIns.env;
  const stood = standIns.names.length > 0 ? `${standIns.names.join(" and ")} stood in on loopback; ` : "";
  return throwaway ? `${stood}throw-away credentials, every other AWS endpoint unreachable` : "no AWS credentials";
};

const describe = (shape: DeployedShape, nodeVersion: string, standIns: StandIns, model: ModelEndpoint, port: string) =>
  `${shape.kind === "container" ? shape.command.join(" ") : `handler ${shape.handler} (${shape.runtime}, function URL ${shape.streaming ? "RESPONSE_STREAM" : "BUFFERED"})`} on Node ${nodeVersion}, listening on ${port}; environment from ${shape.source}; ${model.what}; ${awsNote(standIns, model)}`;

function finish(checks: RehearsalCheck[], how: string | null, t0: number): RehearsalResult {
  const failed = checks.find((c) => !c.ok);
  return result(failed ? "failed" : "passed", failed ? `${failed.name}: ${failed.detail}` : null, how, checks, t0);
}
