import { gatewayServedApis, type AgentSpec } from "../../spec/agent-spec";
import type { CostUsage } from "../inputs";
import { charge, type LineDraft } from "../line";
import { priceOf, type RegionServices } from "../pricing";

/**
 * AgentCore Gateway, for the user's APIs served through it (apiTools with exposure "gateway"):
 * billed per 1,000 invocations of ListTools, InvokeTool and Ping (registry/pricing.json,
 * source brickhouse_agentcore). Per request the agent lists the gateway's tools once (one
 * runtime session per request) and calls one tool per tool round trip; every round trip is
 * counted as a gateway call, an upper bound when the agent has other tools too.
 */
export function agentCoreGatewayLine(svc: RegionServices | null, spec: AgentSpec, usage: CostUsage): LineDraft | null {
  if (gatewayServedApis(spec).length === 0) return null;
  const price = priceOf(svc?.bedrock_agentcore?.gateway_per_1000_invocations_listtools_invoketool_ping);
  const R = usage.requestsPerMonth;
  return {
    service: "AgentCore Gateway",
    category: "network",
    charges: [charge("ListTools (one per session)", R, "invocations", price, 1000), charge("InvokeTool (one per tool round trip)", R * usage.toolRoundTrips, "invocations", price, 1000)],
    note: "every tool round trip counted as a gateway call (an upper bound when the agent has other tools); semantic search not used",
  };
}
