import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { sql } from "drizzle-orm";
import { appendMessage } from "../../server/dynamo/conversation-repo";
import { LOCAL_TABLE, type LocalPlatform } from "../../server/platform/local";
import { createUser, startTestPlatform } from "../helpers/platform";
import { setDraft, startWorkers } from "../helpers/pipeline";

let platform: LocalPlatform;
before(async () => {
  platform = await startTestPlatform({ queue: { visibilityTimeoutMs: 30_000, retryDelayMs: 20, pollIntervalMs: 5 } });
  startWorkers(platform);
});
after(() => platform.close());

/** Every DynamoDB item, as JSON text (a raw Scan of the table, not our repositories). */
async function scanDynamo(): Promise<string[]> {
  const client = new DynamoDBClient({ endpoint: platform.dynamoEndpoint, region: "local", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  const items: string[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: LOCAL_TABLE, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []).map((i) => JSON.stringify(i)));
    start = page.LastEvaluatedKey as typeof start;
  } while (start);
  client.destroy();
  return items;
}

/** Every row of every public Postgres table that mentions `id` anywhere. */
async function scanPostgres(id: string): Promise<string[]> {
  const tables = await platform.db.execute<{ table_name: string }>(sql`select table_name from information_schema.tables where table_schema = 'public'`);
  const hits: string[] = [];
  for (const { table_name } of (tables as unknown as { rows: { table_name: string }[] }).rows) {
    const rows = await platform.db.execute(sql`select count(*)::int as n from ${sql.identifier(table_name)} t where t::text like ${"%" + id + "%"}`);
    if ((rows as unknown as { rows: { n: number }[] }).rows[0]!.n > 0) hits.push(table_name);
  }
  return hits;
}

function blobFiles(): string[] {
  const root = (platform.blobs as unknown as { root: string }).root;
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.relative(root, path.join(dir, e.name))]));
  return walk(root);
}

async function generatedProject(caller: Awaited<ReturnType<typeof createUser>>["caller"], userId: string, name: string) {
  const project = await caller.project.create({ name });
  await setDraft(platform, project.id, userId);
  await caller.generation.generate({ projectId: project.id });
  await platform.jobs.drain(60_000);
  await appendMessage(platform.dynamo, { projectId: project.id, role: "user", content: "secret conversation text", servedBy: "test" } as never);
  await caller.cost.estimate({ projectId: project.id } as never).catch(() => undefined);
  return project;
}

describe("finding: deleting a project left its data behind", () => {
  test("after delete nothing of the project is in DynamoDB, Postgres or the blob store; blobs shared with another project stay until it goes too", async () => {
    const { user, caller } = await createUser(platform);
    const a = await generatedProject(caller, user.id, "Doomed");
    const b = await generatedProject(caller, user.id, "Twin"); // the same spec: the same content-addressed blobs
    const [va] = await caller.generation.listVersions({ projectId: a.id });
    assert.ok(va, "project A has a version");
    assert.ok((await scanDynamo()).some((i) => i.includes(a.id)), "A has DynamoDB items before the delete");
    const blobsBefore = blobFiles();
    assert.ok(blobsBefore.length >= 2, `blobs stored: ${blobsBefore.join(", ")}`);

    await caller.project.delete({ id: a.id });

    assert.deepEqual((await scanDynamo()).filter((i) => i.includes(a.id)), [], "no DynamoDB item mentions A");
    assert.deepEqual(await scanPostgres(a.id), [], "no Postgres row mentions A");
    assert.deepEqual(blobFiles(), blobsBefore, "shared blobs stay while B uses them");
    const [vb] = await caller.generation.listVersions({ projectId: b.id });
    assert.ok((await caller.generation.get({ projectId: b.id, versionId: vb!.id })).files.length > 0, "B still reads its files");

    await caller.project.delete({ id: b.id });
    assert.deepEqual(blobFiles(), [], "the last reference gone, the blobs go");
    assert.deepEqual((await scanDynamo()).filter((i) => i.includes(b.id)), []);
    await assert.rejects(caller.project.get({ id: a.id }), /not found/);
  });

  test("a half-created project from template.use is removed with its items", async () => {
    const { caller } = await createUser(platform);
    const before = new Set(await scanDynamo());
    // Fail the last write of template.use (the greeting), after the project row, context and draft exist.
    const entity = platform.dynamo.entities.conversationMessage as unknown as { create: (...a: unknown[]) => unknown };
    const original = entity.create;
    let calls = 0;
    entity.create = () => ((calls++), { go: () => Promise.reject(new Error("injected: DynamoDB unavailable")) });
    try {
      await assert.rejects(caller.template.use({ templateId: "builtin-research", projectName: "Half" }), /injected/);
    } finally {
      entity.create = original;
    }
    assert.equal(calls, 1, "the failure was injected after the first writes");
    assert.deepEqual(await caller.project.list(), []);
    assert.deepEqual((await scanDynamo()).filter((i) => !before.has(i)), [], "no new DynamoDB item is left");
  });
});
