import { BedrockAgentCoreClient, InvokeAgentRuntimeCommand } from "@aws-sdk/client-bedrock-agentcore";
import type { AwsCredentialIdentity } from "@aws-sdk/types";
import { SignatureV4 } from "@smithy/signature-v4";
import { randomUUID } from "node:crypto";
import { NodeSha256 } from "../node-sha256";
import { toDeployerError } from "./aws-retry";
import type { AgentEndpoint, InvokeResult } from "./types";

/** Usage the generated agents report in their final JSON line (`usage.inputTokens/outputTokens`), if any. */
function usageOf(text: string): { tokensIn: number | null; tokensOut: number | null } {
  const match = /"inputTokens"\s*:\s*(\d+)[\s\S]*?"outputTokens"\s*:\s*(\d+)/.exec(text);
  return match ? { tokensIn: Number(match[1]), tokensOut: Number(match[2]) } : { tokensIn: null, tokensOut: null };
}

async function pump(body: AsyncIterable<Uint8Array | string>, onText: (delta: string) => void): Promise<string> {
  const decoder = new TextDecoder();
  let all = "";
  for await (const chunk of body) {
    const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    all += text;
    if (text) onText(text);
  }
  return all;
}

async function httpInvoke(url: string, body: string, headers: Record<string, string>, onText: (d: string) => void): Promise<string> {
  const res = await fetch(url, { method: "POST", headers, body });
  if (!res.ok || !res.body) throw new Error(`${url} answered HTTP ${res.status}`);
  return pump(res.body as unknown as AsyncIterable<Uint8Array>, onText);
}

/**
 * Calls a deployed agent and streams its reply: AgentCore InvokeAgentRuntime, a Lambda
 * Function URL signed with SigV4 (service "lambda"), or the load balancer's URL.
 */
export async function invokeAgent(config: { region: string; credentials?: AwsCredentialIdentity }, endpoint: AgentEndpoint, input: string, onText: (d: string) => void): Promise<InvokeResult> {
  const payload = JSON.stringify({ prompt: input });
  try {
    let output: string;
    if (endpoint.kind === "agentcore") {
      const client = new BedrockAgentCoreClient(config);
      const out = await client.send(new InvokeAgentRuntimeCommand({ agentRuntimeArn: endpoint.runtimeArn, runtimeSessionId: randomUUID(), contentType: "application/json", accept: "text/event-stream", payload: new TextEncoder().encode(payload) }));
      output = await pump(out.response as unknown as AsyncIterable<Uint8Array>, onText);
    } else if (endpoint.kind === "lambda-url") {
      const url = new URL(endpoint.url);
      const credentials = config.credentials;
      if (!credentials) throw new Error("A Lambda Function URL with AWS_IAM auth needs role credentials");
      const signer = new SignatureV4({ service: "lambda", region: config.region, credentials, sha256: NodeSha256 });
      const signed = await signer.sign({ method: "POST", protocol: url.protocol, hostname: url.hostname, path: url.pathname, query: {}, headers: { host: url.hostname, "content-type": "application/json" }, body: payload });
      output = await httpInvoke(endpoint.url, payload, signed.headers as Record<string, string>, onText);
    } else {
      output = await httpInvoke(endpoint.url, payload, { "content-type": "application/json" }, onText);
    }
    return { output, ...usageOf(output) };
  } catch (e) {
    throw toDeployerError(e);
  }
}
