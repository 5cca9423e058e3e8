import { z } from "zod";
import { gatewayServedApis } from "../../spec/agent-spec";
import type { ApiTool } from "../../spec/api-tools";
import type { CfnStatement } from "../iam";
import { gatewayName, targetName } from "./api-gateway-check";
import { gatewayOpenApiPayload } from "./api-gateway-openapi";
import { SECRET_RESOURCE, assumeRole, getAtt, ref, sub, type BuildInput } from "./common";
import permissionsFile from "./gateway-permissions.json";

/**
 * The user's APIs served through an AgentCore Gateway (apiTools with exposure "gateway"), as
 * CloudFormation: the gateway (MCP, AWS_IAM inbound auth), its service role, per API an API key
 * credential provider over the agent's own secret (EXTERNAL) and an OpenAPI target, plus the
 * agent's right to invoke that one gateway and the URL it finds the gateway at. The IAM comes
 * from gateway-permissions.json, which names its sources.
 */

export const GATEWAY_RESOURCE = "ToolsGateway";
export const GATEWAY_ROLE_RESOURCE = "ToolsGatewayRole";
/** The environment variable the generated agent reads the gateway's MCP URL from. */
export const GATEWAY_URL_ENV = "AGENT_GATEWAY_URL";

const Actions = z.object({ actions: z.array(z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9]+$/)).min(1), source: z.string().min(1) });
const GatewayPermissions = z.object({
  gatewayRole: z.object({ trust: z.object({ service: z.string(), source: z.string() }), apiKeyProvider: Actions, apiKeySecret: Actions }),
  agentRole: z.object({ invoke: Actions }),
});
const PERMISSIONS = GatewayPermissions.parse(permissionsFile);

const providerResource = (a: number) => `ToolsGatewayApiKey${a}`;
const targetResource = (a: number) => `ToolsGatewayTarget${a}`;

/** Where the gateway puts the key: the header the API expects, `Authorization: Bearer …` for bearer. */
function credentialLocation(api: ApiTool) {
  if (api.auth.kind === "bearer") return { CredentialLocation: "HEADER", CredentialParameterName: "Authorization", CredentialPrefix: "Bearer " };
  if (api.auth.kind === "api-key-header") return { CredentialLocation: "HEADER", CredentialParameterName: api.auth.headerName };
  return {};
}

function apiResources(input: BuildInput, api: ApiTool, a: number): Record<string, unknown> {
  const secretName = api.auth.kind === "none" ? "" : api.auth.secretName;
  return {
    [providerResource(a)]: {
      Type: "AWS::BedrockAgentCore::ApiKeyCredentialProvider",
      Properties: {
        Name: `${input.project.spec.name}-${targetName(api)}`,
        ApiKeySecretSource: "EXTERNAL",
        ApiKeySecretConfig: { SecretId: ref(SECRET_RESOURCE), JsonKey: secretName },
      },
    },
    [targetResource(a)]: {
      // Created after the gateway, so after its role (whose policy reads this key): it can call the API at once.
      Type: "AWS::BedrockAgentCore::GatewayTarget",
      Properties: {
        GatewayIdentifier: getAtt(GATEWAY_RESOURCE, "GatewayIdentifier"),
        Name: targetName(api),
        TargetConfiguration: { Mcp: { OpenApiSchema: { InlinePayload: gatewayOpenApiPayload(api) } } },
        CredentialProviderConfigurations: [
          {
            CredentialProviderType: "API_KEY",
            CredentialProvider: { ApiKeyCredentialProvider: { ProviderArn: getAtt(providerResource(a), "CredentialProviderArn"), ...credentialLocation(api) } },
          },
        ],
      },
    },
  };
}

function gatewayRole(input: BuildInput, apis: ApiTool[]): Record<string, unknown> {
  const name = gatewayName(input.project.spec.name);
  const { apiKeyProvider, apiKeySecret } = PERMISSIONS.gatewayRole;
  return {
    Type: "AWS::IAM::Role",
    Properties: {
      AssumeRolePolicyDocument: assumeRole(PERMISSIONS.gatewayRole.trust.service, {
        StringEquals: { "aws:SourceAccount": ref("AWS::AccountId") },
        ArnLike: { "aws:SourceArn": sub(`arn:\${AWS::Partition}:bedrock-agentcore:\${AWS::Region}:\${AWS::AccountId}:gateway/${name}*`) },
      }),
      Policies: [
        {
          PolicyName: "ToolsGatewayApiKeys",
          PolicyDocument: {
            Version: "2012-10-17",
            Statement: [
              { Sid: "ApiKeyProviders", Effect: "Allow", Action: apiKeyProvider.actions, Resource: apis.map((_, i) => getAtt(providerResource(i), "CredentialProviderArn")) },
              { Sid: "ApiKeySecret", Effect: "Allow", Action: apiKeySecret.actions, Resource: [ref(SECRET_RESOURCE)] },
            ],
          },
        },
      ],
    },
  };
}

/** The gateway, its role and each API's provider and target, to spread into Resources; nothing without gateway APIs. */
export function gatewayResources(input: BuildInput): Record<string, unknown> {
  const apis = gatewayServedApis(input.project.spec);
  if (apis.length === 0) return {};
  const resources: Record<string, unknown> = {
    [GATEWAY_ROLE_RESOURCE]: gatewayRole(input, apis),
    [GATEWAY_RESOURCE]: {
      Type: "AWS::BedrockAgentCore::Gateway",
      Properties: {
        Name: gatewayName(input.project.spec.name),
        Description: "Serves the agent's own APIs as MCP tools (generated by Agent Builder)",
        ProtocolType: "MCP",
        AuthorizerType: "AWS_IAM",
        RoleArn: getAtt(GATEWAY_ROLE_RESOURCE, "Arn"),
      },
    },
  };
  apis.forEach((api, i) => Object.assign(resources, apiResources(input, api, i)));
  return resources;
}

/** The agent's statement: invoke this stack's gateway and no other. */
export function gatewayAgentStatements(input: BuildInput): CfnStatement[] {
  if (gatewayServedApis(input.project.spec).length === 0) return [];
  return [{ Sid: "InvokeToolsGateway", Effect: "Allow", Action: PERMISSIONS.agentRole.invoke.actions, Resource: [getAtt(GATEWAY_RESOURCE, "GatewayArn")] }];
}

/** AGENT_GATEWAY_URL for the runtime's environment: the gateway's MCP endpoint. */
export function gatewayEnvironment(input: BuildInput): Record<string, unknown> {
  return gatewayServedApis(input.project.spec).length === 0 ? {} : { [GATEWAY_URL_ENV]: getAtt(GATEWAY_RESOURCE, "GatewayUrl") };
}

/** The stack's outputs for the gateway. */
export function gatewayOutputs(input: BuildInput): Record<string, unknown> {
  if (gatewayServedApis(input.project.spec).length === 0) return {};
  return { ToolsGatewayUrl: { Value: getAtt(GATEWAY_RESOURCE, "GatewayUrl") }, ToolsGatewayArn: { Value: getAtt(GATEWAY_RESOURCE, "GatewayArn") } };
}
