import type { ApiOperation, ApiTool } from "../../spec/api-tools";

/**
 * The OpenAPI 3 document an AgentCore Gateway target serves (Mcp.OpenApiSchema.InlinePayload):
 * only the operations the user selected, each under its tool name as operationId (the gateway
 * lists it as `<target>___<operationId>`). Built as an object and serialized; user text stays data.
 * The credential is not described here: the target's API key credential provider adds it.
 */

const OPENAPI_VERSION = "3.0.3";

function operationObject(op: ApiOperation): Record<string, unknown> {
  return {
    operationId: op.name,
    description: op.description,
    ...(op.params.length > 0
      ? { parameters: op.params.map((p) => ({ name: p.name, in: p.in, required: p.required, ...(p.description ? { description: p.description } : {}), schema: p.schema })) }
      : {}),
    ...(op.body ? { requestBody: { required: op.body.required, content: { "application/json": { schema: op.body.schema } } } } : {}),
    responses: { default: { description: "The API's answer" } },
  };
}

/** The document as an object: one path item per path, one operation per method. */
export function gatewayOpenApi(api: ApiTool): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of api.operations) {
    const item = (paths[op.path] ??= {});
    item[op.method.toLowerCase()] = operationObject(op);
  }
  return {
    openapi: OPENAPI_VERSION,
    info: { title: api.title || api.name, version: "1" },
    servers: [{ url: api.baseUrl }],
    paths,
  };
}

/** The InlinePayload string: the document as JSON (a JSON document is valid OpenAPI YAML too). */
export const gatewayOpenApiPayload = (api: ApiTool) => JSON.stringify(gatewayOpenApi(api));
