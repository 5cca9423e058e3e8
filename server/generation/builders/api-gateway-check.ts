import { DomainError } from "../../errors";
import { iacOf } from "../../spec/agent-spec";
import type { ApiTool } from "../../spec/api-tools";
import type { ResolvedProject } from "../types";

/**
 * The names an AgentCore Gateway gives the user's APIs, and the specs it cannot serve.
 * Sources: builders/gateway-permissions.json (names, tool-name convention, Bedrock's limit).
 */

/** Gateway and target names: letters and digits, single hyphens between them. */
export const GATEWAY_NAME = /^([0-9a-zA-Z][-]?){1,100}$/;
const MAX_GATEWAY_NAME = 48;
/** Bedrock Converse takes tool names of at most 64 characters; the gateway's names reach the model unchanged. */
const MAX_TOOL_NAME = 64;
const SUPPORTED_GATEWAY_AUTH = "bearer or api-key-header";

/** `support-desk` → `support-desk-tools`: the gateway's name (hyphen runs collapsed, at most 48 characters). */
export function gatewayName(agentName: string): string {
  const base = agentName.replace(/-+/g, "-").slice(0, MAX_GATEWAY_NAME - "-tools".length).replace(/-+$/, "");
  return `${base}-tools`;
}

/** `order_status` → `order-status`: the target's name, which prefixes each of its tools. */
export const targetName = (api: ApiTool) => api.name.replace(/_+/g, "-").replace(/-+$/, "");

/** The name the gateway lists an operation of a target under: `<target>___<operation>`. */
export const toolName = (target: string, operation: string) => `${target}___${operation}`;

/** The name the gateway lists an operation of the user's API under. */
export const gatewayToolName = (api: ApiTool, operation: string) => toolName(targetName(api), operation);

const refuse = (field: string, message: string) => new DomainError("invalid", `${field}: ${message}`, { field });

/** Throws a DomainError naming the field when a gateway-exposed API cannot be generated for this spec. */
export function checkGatewayExposure(project: ResolvedProject): void {
  const { spec } = project;
  const apis = spec.apiTools ?? [];
  const targets = new Map<string, number>();
  apis.forEach((api, a) => {
    if (api.exposure !== "gateway") return;
    const field = `apiTools.${a}`;
    if (spec.deployment.target !== "agentcore") {
      throw refuse(`${field}.exposure`, `"gateway" serves the API through an AgentCore Gateway, which only the agentcore target has (this spec deploys to ${spec.deployment.target}); use "agent" (in-process tools, same API and secret)`);
    }
    if (iacOf(spec.deployment) !== "cloudformation") {
      throw refuse(`${field}.exposure`, `"gateway" is generated for CloudFormation only (the pinned Terraform AWS provider schema has no AgentCore Gateway resources); choose deployment.iac "cloudformation" or exposure "agent"`);
    }
    if (api.auth.kind === "none") {
      throw refuse(`${field}.auth`, `an AgentCore Gateway OpenAPI target calls the API with an API key or OAuth credential, so auth "none" cannot be served through it; use ${SUPPORTED_GATEWAY_AUTH}, or exposure "agent"`);
    }
    if (spec.security.secretsSource !== "secrets-manager") {
      throw refuse("security.secretsSource", `the gateway reads ${field}'s key ${api.auth.secretName} from the agent's Secrets Manager secret; set "secrets-manager" or use exposure "agent"`);
    }
    const target = targetName(api);
    if (!GATEWAY_NAME.test(target)) throw refuse(`${field}.name`, `'${api.name}' does not make a gateway target name (letters and digits with single hyphens)`);
    const clash = targets.get(target);
    if (clash !== undefined) throw refuse(`${field}.name`, `'${api.name}' and apiTools.${clash}.name both become the gateway target '${target}'`);
    targets.set(target, a);
    api.operations.forEach((op, o) => {
      const tool = gatewayToolName(api, op.name);
      if (tool.length > MAX_TOOL_NAME) {
        throw refuse(`${field}.operations.${o}.name`, `the gateway lists it as '${tool}' (${tool.length} characters), longer than the ${MAX_TOOL_NAME} a Bedrock tool name may have; shorten the API or operation name`);
      }
    });
  });
}
