import { z } from "zod";
import { DomainError } from "../../errors";
import { createId } from "../../ids";
import { getDeployer } from "../../platform";
import type { AgentEndpoint } from "../../platform/deployer/types";
import type { Platform } from "../../platform/types";
import { getOwnedProject } from "../../projects/service";
import { publishEvent } from "../../realtime/publish";
import { resolveTarget } from "../driver";
import { insertInvocation, listInvocationsOf } from "../invocation-repo";
import { findLatestDeployment } from "../store";
import { EnvRef } from "./deployments";

export const InvokeInput = EnvRef.extend({ input: z.string().trim().min(1, "is required").max(20_000) });
export const DEPLOY_INVOKE_EVENT = "deploy.invoke";

/** The agent's endpoint from the stack outputs: an AgentCore runtime ARN, a Lambda Function URL, or an HTTP URL. */
export function endpointOf(outputs: Record<string, string>): AgentEndpoint | null {
  const values = Object.entries(outputs);
  const runtime = values.find(([, v]) => v.startsWith("arn:aws:bedrock-agentcore:") && v.includes(":runtime/"));
  if (runtime) return { kind: "agentcore", runtimeArn: runtime[1] };
  const fn = values.find(([k, v]) => /functionurl/i.test(k) && /^https:\/\//.test(v));
  if (fn) return { kind: "lambda-url", url: fn[1] };
  const url = values.find(([k, v]) => /url|endpoint/i.test(k) && /^https?:\/\//.test(v));
  return url ? { kind: "http", url: url[1] } : null;
}

/**
 * Calls the agent deployed to an environment, streaming its reply as `deploy.invoke` events
 * ({ invocationId, delta } then { invocationId, done }), and records latency and tokens beside
 * the test runs. `onText` also gets the deltas (the CLI prints them).
 */
export async function invokeDeployed(p: Platform, userId: string, raw: z.input<typeof InvokeInput>, onText?: (delta: string) => void) {
  const input = InvokeInput.parse(raw);
  await getOwnedProject(p.db, userId, input.projectId);
  const live = await findLatestDeployment(p.db, input.projectId, input.environment, "succeeded");
  const endpoint = live?.outputs ? endpointOf(live.outputs) : null;
  if (!live || !endpoint) throw new DomainError("invalid", `No deployed agent with an endpoint in ${input.environment}: deploy a version first`);
  const deployer = await getDeployer(p);
  const { target } = await resolveTarget(p, deployer, userId);
  const id = createId("invocation");
  const started = performance.now();
  let first: number | null = null;
  let chain = Promise.resolve();
  const onDelta = (delta: string) => {
    first ??= Math.round(performance.now() - started);
    onText?.(delta);
    chain = chain.then(() => publishEvent(p, input.projectId, DEPLOY_INVOKE_EVENT, { invocationId: id, delta }).then(() => undefined));
  };
  const row = { id, projectId: input.projectId, deploymentId: live.id, input: input.input };
  try {
    const result = await deployer.invoke(target, endpoint, input.input, onDelta);
    await chain;
    const total = Math.round(performance.now() - started);
    await insertInvocation(p.db, { ...row, output: result.output, status: "succeeded", latencyFirstTokenMs: first, latencyTotalMs: total, tokensIn: result.tokensIn, tokensOut: result.tokensOut });
    await publishEvent(p, input.projectId, DEPLOY_INVOKE_EVENT, { invocationId: id, done: true, latencyMs: total });
    return { invocationId: id, endpoint, output: result.output, latencyFirstTokenMs: first, latencyTotalMs: total, tokensIn: result.tokensIn, tokensOut: result.tokensOut };
  } catch (e) {
    await chain;
    const message = e instanceof Error ? e.message : String(e);
    await insertInvocation(p.db, { ...row, status: "failed", error: message, latencyTotalMs: Math.round(performance.now() - started) });
    throw new DomainError("unavailable", `The deployed agent did not answer: ${message}`);
  }
}

export async function listInvocations(p: Platform, userId: string, projectId: string) {
  await getOwnedProject(p.db, userId, projectId);
  return listInvocationsOf(p.db, projectId);
}
