import { join } from "node:path";
import { startMockModelServer } from "../../test-runs/mock-model/server";
import { approvalChecks } from "./approval-check";
import { guardrailCheck, specGuardrails } from "./guardrail-check";
import { filesFromVersion } from "../../test-runs/prepare/project-files";
import type { ProjectFiles } from "../types";
import { apiToolChecks, apiToolEnvironment } from "./api-tool-check";
import { freePort, start, staysUp, stop, waitUntilServing, type Booted } from "./boot";
import { deployedShape, type DeployedShape } from "./deployed-shape";
import { clientChecks } from "./http-checks";
import { LAMBDA_HARNESS } from "./lambda-harness";
import { buildProject, depsCached, nodeFor, removeDir, scratchDir, writeText } from "./runtime";
import { startStandIns, type StandIns } from "./standins";
import type { RehearsalCheck, RehearsalOptions, RehearsalResult } from "./types";

const DEFAULT_STEP_MS = 60_000;
// How long a Lambda handler's init (secrets, tools) is watched for a crash after the module loaded.
const LAMBDA_INIT_MS = 1_000;
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

/** The environment: the IaC's, then the model endpoint swapped for the mock, and AWS made unreachable (no credentials). */
function environment(shape: DeployedShape, region: string, modelUrl: string, scratch: string, port: number, standIns: StandIns): Record<string, string> {
  return {
    PATH: "/usr/bin:/bin",
    HOME: scratch,
    TMPDIR: scratch,
    LANG: "C.UTF-8",
    ...(shape.kind === "container" ? { NODE_ENV: "production" } : { AWS_LAMBDA_FUNCTION_NAME: "rehearsal", LAMBDA_TASK_ROOT: "." }),
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    ...resolveEnv(shape.env, region),
    AGENT_MODEL_PROVIDER: "openai-compatible",
    AGENT_MODEL_BASE_URL: modelUrl,
    AGENT_MODEL_ID: "mock",
    // No credentials and no metadata service: every AWS call fails at once, as with an unfilled secret.
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_ENDPOINT_URL: "http://127.0.0.1:9",
    ...standIns.env,
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
  const standIns = await startStandIns(files);
  try {
    let t = performance.now();
    const built = await buildProject(loaded, o.cacheRoot, stepMs);
    const node = await nodeFor(major ?? process.versions.node.split(".")[0]!, o.cacheRoot);
    checks.push({ name: "build", ok: true, ms: Math.round(performance.now() - t), detail: `dependencies ${built.depsCached ? "cached" : "installed"}, build ${built.buildCached ? "cached" : "compiled"}; Node ${node.version}${node.note ? ` (${node.note})` : ""}` });
    const port = await freePort();
    const env = { ...environment(shape, region, model.url!, scratch, port, standIns), ...apiToolEnvironment(files) };
    let command: string[];
    if (shape.kind === "container") {
      command = shape.command[0] === "node" ? [node.binary, ...shape.command.slice(1)] : shape.command;
    } else {
      const [file, exportName] = [shape.handler.slice(0, shape.handler.lastIndexOf(".")), shape.handler.slice(shape.handler.lastIndexOf(".") + 1)];
      writeText(join(scratch, "harness.mjs"), LAMBDA_HARNESS);
      command = [node.binary, join(scratch, "harness.mjs"), join(built.dir, `${file}.js`), exportName, String(port)];
    }
    const url = `http://127.0.0.1:${port}`;
    t = performance.now();
    booted = start(command, { cwd: built.dir, env });
    const b = booted;
    const probe = shape.kind === "container" ? async () => (await fetch(`${url}/ping`, { signal: AbortSignal.timeout(1000) })).ok : async () => (await fetch(url, { signal: AbortSignal.timeout(1000) }).catch(() => null)) !== null;
    try {
      await waitUntilServing(b, probe, stepMs);
      if (shape.kind === "lambda") await staysUp(b, LAMBDA_INIT_MS);
      checks.push({ name: "boot", ok: true, ms: Math.round(performance.now() - t), detail: shape.kind === "container" ? "GET /ping answered 200" : "the handler module loaded and the function URL answers" });
    } catch (e) {
      checks.push({ name: "boot", ok: false, ms: Math.round(performance.now() - t), detail: (e as Error).message });
      return finish(checks, describe(shape, node.version, standIns), t0);
    }
    if (shape.kind === "container" && shape.healthCheck) checks.push(await healthCheck(shape.healthCheck, node.binary, built.dir, env, port, stepMs));
    checks.push(...(await clientChecks(url, { sessions: shape.kind === "container", timeoutMs: stepMs })));
    checks.push(...(await apiToolChecks(files, url, stepMs)));
    const guarded = guardrails ? await guardrailCheck(url, guardrails, stepMs) : null;
    if (guarded) checks.push(guarded);
    const approvalExpected = shape.kind === "container" && files.has("src/approval.ts");
    // On AgentCore only /invocations reaches the agent, so decisions go there; on ECS, to the approval endpoints.
    const decideVia = shape.kind === "container" && shape.runtime === "agentcore" ? "invocations" : "endpoints";
    checks.push(...(await approvalChecks(url, [...(model.stats.toolNames ?? [])].sort(), approvalExpected, stepMs, decideVia)));
    checks.push(...(await standIns.checks(url, stepMs)));
    return finish(checks, describe(shape, node.version, standIns), t0);
  } catch (e) {
    checks.push({ name: "build", ok: false, ms: Math.round(performance.now() - t0), detail: (e as Error).message });
    return finish(checks, null, t0);
  } finally {
    if (booted) await stop(booted);
    await model.close();
    await standIns.close();
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

const awsNote = (standIns: StandIns) =>
  standIns.names.length > 0 ? `${standIns.names.join(" and ")} stood in on loopback with throw-away credentials; every other AWS endpoint unreachable` : "no AWS credentials";

const describe = (shape: DeployedShape, nodeVersion: string, standIns: StandIns) =>
  shape.kind === "container"
    ? `${shape.command.join(" ")} on Node ${nodeVersion}; environment from ${shape.source}; model endpoint swapped for the mock model; ${awsNote(standIns)}`
    : `handler ${shape.handler} (${shape.runtime}, function URL ${shape.streaming ? "RESPONSE_STREAM" : "BUFFERED"}) on Node ${nodeVersion}; environment from ${shape.source}; model endpoint swapped for the mock model; ${awsNote(standIns)}`;

function finish(checks: RehearsalCheck[], how: string | null, t0: number): RehearsalResult {
  const failed = checks.find((c) => !c.ok);
  return result(failed ? "failed" : "passed", failed ? `${failed.name}: ${failed.detail}` : null, how, checks, t0);
}
