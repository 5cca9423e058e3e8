import { CreateTableCommand, DescribeTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { TABLE_KEYS } from "./entities/keys";

/** Creates the single table with its two GSIs if it does not exist (local stand-in only; stacks/ creates it on AWS). */
export async function ensureTable(client: DynamoDBClient, table: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: table }));
    return;
  } catch (e) {
    if ((e as { name?: string }).name !== "ResourceNotFoundException") throw e;
  }
  const { pk, sk, gsi1, gsi2 } = TABLE_KEYS;
  const gsi = (g: typeof gsi1 | typeof gsi2) => ({
    IndexName: g.index,
    KeySchema: [
      { AttributeName: g.pk, KeyType: "HASH" as const },
      { AttributeName: g.sk, KeyType: "RANGE" as const },
    ],
    Projection: { ProjectionType: "ALL" as const },
  });
  await client.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [pk, sk, gsi1.pk, gsi1.sk, gsi2.pk, gsi2.sk].map((name) => ({ AttributeName: name, AttributeType: "S" })),
      KeySchema: [
        { AttributeName: pk, KeyType: "HASH" },
        { AttributeName: sk, KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: [gsi(gsi1), gsi(gsi2)],
    }),
  );
}
