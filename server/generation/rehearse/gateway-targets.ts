import { parse } from "yaml";
import { z } from "zod";
import { inputSchemaOf } from "../../openapi/schema";
import { GATEWAY_NAME, toolName } from "../builders/api-gateway-check";

/**
 * The AgentCore Gateway targets a generated stack declares, read from infra/cloudformation.yaml
 * itself (never from the spec): each OpenAPI target's inline document, its name, and how its API
 * key credential provider sends the key. The stand-in gateway serves exactly these: each
 * operation as the MCP tool `<target>___<operationId>`, called with the key added.
 */

const Schema = z.record(z.string(), z.unknown());
const Parameter = z.object({ name: z.string().min(1), in: z.enum(["path", "query", "header"]), required: z.boolean().default(false), description: z.string().optional(), schema: Schema.default({}) });
const Operation = z.object({
  operationId: z.string().regex(/^[A-Za-z0-9_-]+$/),
  description: z.string().default(""),
  parameters: z.array(Parameter).default([]),
  requestBody: z.object({ required: z.boolean().default(false), content: z.object({ "application/json": z.object({ schema: Schema }) }) }).optional(),
});
const METHODS = ["get", "post", "put", "patch", "delete"] as const;
const OpenApi = z.object({
  servers: z.array(z.object({ url: z.url() })).min(1),
  paths: z.record(z.string().startsWith("/"), z.object(Object.fromEntries(METHODS.map((m) => [m, Operation.optional()])) as Record<(typeof METHODS)[number], z.ZodOptional<typeof Operation>>)),
});

const GetAtt = z.object({ "Fn::GetAtt": z.tuple([z.string(), z.string()]) });
const TargetResource = z.object({
  Type: z.literal("AWS::BedrockAgentCore::GatewayTarget"),
  Properties: z.object({
    Name: z.string().regex(GATEWAY_NAME),
    TargetConfiguration: z.object({ Mcp: z.object({ OpenApiSchema: z.object({ InlinePayload: z.string() }) }) }),
    CredentialProviderConfigurations: z
      .array(
        z.object({
          CredentialProviderType: z.literal("API_KEY"),
          CredentialProvider: z.object({
            ApiKeyCredentialProvider: z.object({ ProviderArn: GetAtt, CredentialParameterName: z.string().default("Authorization"), CredentialPrefix: z.string().optional(), CredentialLocation: z.literal("HEADER").default("HEADER") }),
          }),
        }),
      )
      .length(1),
  }),
});
const ProviderResource = z.object({ Type: z.literal("AWS::BedrockAgentCore::ApiKeyCredentialProvider"), Properties: z.object({ ApiKeySecretConfig: z.object({ JsonKey: z.string().min(1) }) }) });

export type GatewayTool = {
  name: string;
  description: string;
  inputSchema: { type: "object"; properties: Record<string, unknown>; required?: string[] };
  method: string;
  baseUrl: string;
  path: string;
  params: Array<{ name: string; in: "path" | "query" | "header" }>;
  hasBody: boolean;
  /** Where the key goes and which key of the agent's secret holds it. */
  credential: { header: string; prefix: string; secretKey: string };
};

function toolsOf(doc: z.infer<typeof OpenApi>, target: string, credential: GatewayTool["credential"]): GatewayTool[] {
  const tools: GatewayTool[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      tools.push({
        name: toolName(target, op.operationId),
        description: op.description,
        inputSchema: inputSchemaOf({ params: op.parameters, body: op.requestBody && { required: op.requestBody.required, schema: op.requestBody.content["application/json"].schema } }),
        method: method.toUpperCase(),
        baseUrl: doc.servers[0]!.url,
        path,
        params: op.parameters.map((p) => ({ name: p.name, in: p.in })),
        hasBody: op.requestBody !== undefined,
        credential,
      });
    }
  }
  return tools;
}

/** Every tool of every gateway target in the template; [] when it declares none. Throws naming the resource when one does not parse. */
export function gatewayTools(cloudFormation: string | undefined): GatewayTool[] {
  if (!cloudFormation) return [];
  const resources = ((parse(cloudFormation) ?? {}) as { Resources?: Record<string, { Type?: string }> }).Resources ?? {};
  const tools: GatewayTool[] = [];
  for (const [id, raw] of Object.entries(resources)) {
    if (raw.Type !== "AWS::BedrockAgentCore::GatewayTarget") continue;
    const target = TargetResource.safeParse(raw);
    if (!target.success) throw new Error(`${id}: ${target.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
    const { Name, TargetConfiguration, CredentialProviderConfigurations } = target.data.Properties;
    const provider = CredentialProviderConfigurations[0]!.CredentialProvider.ApiKeyCredentialProvider;
    const providerId = provider.ProviderArn["Fn::GetAtt"][0];
    const providerResource = ProviderResource.safeParse(resources[providerId]);
    if (!providerResource.success) throw new Error(`${id}: its credential provider ${providerId} is not an API key provider with ApiKeySecretConfig.JsonKey`);
    const doc = OpenApi.safeParse(parse(TargetConfiguration.Mcp.OpenApiSchema.InlinePayload));
    if (!doc.success) throw new Error(`${id}: InlinePayload ${doc.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
    const credential = { header: provider.CredentialParameterName, prefix: provider.CredentialPrefix ?? "", secretKey: providerResource.data.Properties.ApiKeySecretConfig.JsonKey };
    tools.push(...toolsOf(doc.data, Name, credential));
  }
  return tools;
}

const asText = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/** Calls the user's API for one tool call, the key from the secret in its header; the answer as text. */
export async function callGatewayTool(tool: GatewayTool, args: Record<string, unknown>, secret: (key: string) => string | undefined, timeoutMs: number): Promise<{ status: number; text: string }> {
  let path = tool.path;
  const url = new URL(tool.baseUrl.replace(/\/+$/, "") + "/");
  const headers: Record<string, string> = { accept: "application/json" };
  const query: Array<[string, string]> = [];
  for (const p of tool.params) {
    const value = args[p.name];
    if (value === undefined || value === null) continue;
    if (p.in === "path") path = path.split(`{${p.name}}`).join(encodeURIComponent(asText(value)));
    else if (p.in === "query") query.push([p.name, asText(value)]);
    else headers[p.name] = asText(value);
  }
  const target = new URL(url.pathname.replace(/\/+$/, "") + path, url);
  for (const [k, v] of query) target.searchParams.append(k, v);
  const key = secret(tool.credential.secretKey);
  if (key === undefined) return { status: 500, text: `the gateway has no value for ${tool.credential.secretKey} in the agent's secret` };
  headers[tool.credential.header] = `${tool.credential.prefix}${key}`;
  const body = tool.hasBody && args.body !== undefined ? JSON.stringify(args.body) : undefined;
  if (body) headers["content-type"] = "application/json";
  const res = await fetch(target, { method: tool.method, headers, ...(body ? { body } : {}), redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
  return { status: res.status, text: await res.text() };
}
