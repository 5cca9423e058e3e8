import { parse } from "yaml";
import { startDynalite } from "../../platform/dynalite";
import { THROWAWAY } from "./throwaway-credentials";

/**
 * The DynamoDB tables a project's CloudFormation creates and hands to its code through an
 * environment variable ({ Ref: Table }), created in a loopback dynalite with the template's
 * key schema. The variable then names the stand-in table, as the stack would name the real one.
 */

type Resource = { Type?: string; Properties?: Record<string, any> };
export type DynamoStandIn = { endpoint: string; env: Record<string, string>; tables: string[]; close(): Promise<void> };

/** Environment variables of the Lambda function or container whose value is a Ref to a DynamoDB table. */
function tableVariables(resources: Record<string, Resource>): Array<{ name: string; table: string }> {
  const out: Array<{ name: string; table: string }> = [];
  const consider = (name: string, value: unknown) => {
    const target = (value as { Ref?: unknown } | null)?.Ref;
    if (typeof target === "string" && resources[target]?.Type === "AWS::DynamoDB::Table") out.push({ name, table: target });
  };
  for (const r of Object.values(resources)) {
    if (r.Type === "AWS::Lambda::Function") for (const [k, v] of Object.entries(r.Properties?.Environment?.Variables ?? {})) consider(k, v);
    if (r.Type === "AWS::BedrockAgentCore::Runtime") for (const [k, v] of Object.entries(r.Properties?.EnvironmentVariables ?? {})) consider(k, v);
    if (r.Type === "AWS::ECS::TaskDefinition") for (const e of r.Properties?.ContainerDefinitions?.[0]?.Environment ?? []) consider(e.Name, e.Value);
  }
  return out;
}

/** A dynalite with the project's tables, or null when its code is handed none. */
export async function startDynamoStandIn(cloudformation: string | undefined): Promise<DynamoStandIn | null> {
  const resources = ((parse(cloudformation ?? "") ?? {}) as { Resources?: Record<string, Resource> }).Resources ?? {};
  const wanted = tableVariables(resources);
  if (wanted.length === 0) return null;
  const server = await startDynalite(null, 0);
  const { DynamoDBClient, CreateTableCommand } = await import("@aws-sdk/client-dynamodb");
  const client = new DynamoDBClient({ endpoint: server.endpoint, region: "us-east-1", credentials: THROWAWAY });
  try {
    const env: Record<string, string> = {};
    // One table may be handed over by several variables (conversations and paused calls share one on Lambda).
    for (const table of new Set(wanted.map((w) => w.table))) {
      const p = resources[table]!.Properties ?? {};
      await client.send(new CreateTableCommand({ TableName: `rehearsal-${table}`, AttributeDefinitions: p.AttributeDefinitions, KeySchema: p.KeySchema, BillingMode: "PAY_PER_REQUEST" }));
    }
    for (const { name, table } of wanted) env[name] = `rehearsal-${table}`;
    return { endpoint: server.endpoint, env, tables: [...new Set(Object.values(env))], close: server.close };
  } catch (e) {
    await server.close();
    throw e;
  } finally {
    client.destroy();
  }
}
