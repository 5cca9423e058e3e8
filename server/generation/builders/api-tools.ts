import { inputSchemaOf } from "../../openapi/schema";
import type { ApiOperation, ApiSchema, ApiTool } from "../../spec/api-tools";
import { checkIdentifier, pyJsonLiteral, tsJsonLiteral, tsStringLiteral, type JsonLiteralValue } from "../serialize";
import type { ResolvedProject } from "../types";
import { checkGatewayExposure } from "./api-gateway-check";
import type { BuildInput, BuiltFile } from "./common";

/**
 * The tool definitions for the user's own APIs (spec.apiTools with exposure "agent"):
 * src/api-tools.ts or app/api_tools.py. Every value from the spec (names, paths,
 * descriptions, schemas) enters code as a literal from serialize.ts; the only
 * identifiers are the fixed API_n/OP_n and the input type names checked by checkIdentifier.
 */

/** The APIs served as in-process tools (gateway-exposed ones are reached through the gateway). */
export const agentApiTools = (project: ResolvedProject): ApiTool[] => (project.spec.apiTools ?? []).filter((a) => a.exposure === "agent");

const apiDefinition = (api: ApiTool): JsonLiteralValue => ({
  name: api.name,
  baseUrl: api.baseUrl,
  allowedHosts: api.allowedHosts,
  auth: api.auth,
  timeoutSeconds: api.timeoutSeconds,
});

const operationDefinition = (op: ApiOperation): JsonLiteralValue => ({
  method: op.method,
  path: op.path,
  params: op.params.map((p) => ({ name: p.name, in: p.in })),
  hasBody: op.body !== undefined,
});

const asJson = (schema: ApiSchema) => schema as unknown as JsonLiteralValue;

function tsType(schema: ApiSchema): string {
  switch (schema.type) {
    case "string":
      return "string";
    case "number":
    case "integer":
      return "number";
    case "boolean":
      return "boolean";
    case "array":
      return "unknown[]";
    case "object":
      return "Record<string, unknown>";
  }
}

/** `list_pets` → `ListPetsInput`, checked as an identifier. */
const inputTypeName = (op: ApiOperation) =>
  checkIdentifier(`${op.name.split("_").filter(Boolean).map((p) => p[0]!.toUpperCase() + p.slice(1)).join("")}Input`, "operation name");

function tsInputType(op: ApiOperation): string {
  const fields = op.params.map((p) => `${tsStringLiteral(p.name, "parameter name")}${p.required ? "" : "?"}: ${tsType(p.schema)}`);
  if (op.body) fields.push(`"body"${op.body.required ? "" : "?"}: ${tsType(op.body.schema)}`);
  return `type ${inputTypeName(op)} = { ${fields.join("; ")} };`;
}

function typescriptFile(apis: ApiTool[]): string {
  const lines = [
    'import { tool, type InvokableTool, type JSONValue } from "@strands-agents/sdk";',
    'import { callOperation, inputSchema, type ApiDefinition, type ApiOperationDef } from "./api-client.js";',
    "",
    "// The tools built from your own APIs (apiTools in agent-spec.json): one per selected operation.",
    "",
  ];
  const tools: string[] = [];
  apis.forEach((api, a) => {
    lines.push(`const API_${a}: ApiDefinition = ${tsJsonLiteral(apiDefinition(api), "apiTools")};`, "");
    api.operations.forEach((op, o) => {
      const id = `OP_${a}_${o}`;
      lines.push(tsInputType(op), `const ${id}: ApiOperationDef = ${tsJsonLiteral(operationDefinition(op), "apiTools")};`, "");
      tools.push(
        [
          "    tool({",
          `      name: ${tsStringLiteral(op.name)},`,
          `      description: ${tsStringLiteral(op.description, "operation description")},`,
          `      inputSchema: inputSchema(${tsJsonLiteral(asJson(inputSchemaOf(op)), "operation schema")}),`,
          `      callback: (input) => callOperation(API_${a}, ${id}, input as ${inputTypeName(op)}),`,
          "    }),",
        ].join("\n"),
      );
    });
  });
  lines.push("/** Every operation the user selected, as a Strands tool with its input schema. */", "export function buildApiTools(): Array<InvokableTool<unknown, JSONValue>> {", "  return [", ...tools, "  ];", "}", "");
  return lines.join("\n");
}

function pythonFile(apis: ApiTool[]): string {
  const lines = ['"""The tools built from your own APIs (apiTools in agent-spec.json): one per selected operation."""', "", "from __future__ import annotations", "", "from typing import Any", "", "from app.api_client import api_tool", ""];
  const calls: string[] = [];
  apis.forEach((api, a) => {
    lines.push(`API_${a}: dict[str, Any] = ${pyJsonLiteral(apiDefinition(api), "apiTools")}`);
    for (const op of api.operations) {
      const definition = { ...(operationDefinition(op) as Record<string, JsonLiteralValue>), name: op.name, description: op.description, inputSchema: asJson(inputSchemaOf(op)) };
      calls.push(`        api_tool(API_${a}, ${pyJsonLiteral(definition, "apiTools")}),`);
    }
  });
  lines.push("", "", "def build_api_tools() -> list[Any]:", '    """Every operation the user selected, as a Strands tool with its input schema."""', "    return [", ...calls, "    ]", "");
  return lines.join("\n");
}

/** src/api-tools.ts or app/api_tools.py; nothing when the spec has no in-process API tools. */
export function buildApiTools({ project }: BuildInput): BuiltFile[] {
  // Gateway-exposed APIs are built by api-gateway.ts (AgentCore, CloudFormation); any other spec is refused here, naming the field.
  checkGatewayExposure(project);
  const apis = agentApiTools(project);
  if (apis.length === 0) return [];
  return project.spec.language === "typescript" ? [["src/api-tools.ts", typescriptFile(apis)]] : [["app/api_tools.py", pythonFile(apis)]];
}
