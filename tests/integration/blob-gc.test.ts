import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { eq } from "drizzle-orm";
import { generatedCode } from "../../server/db/schema";
import { generateProject } from "../../server/generation";
import type { LocalPlatform } from "../../server/platform/local";
import { S3BlobStore } from "../../server/platform/s3-blob-store";
import type { BlobStore, Platform } from "../../server/platform/types";
import { deleteProjectEverywhere } from "../../server/projects/purge";
import { registryLookup } from "../../server/registry/load";
import { loadRegistry } from "../../server/composition/services";
import { collectBlobGarbage } from "../../server/versions/blob-gc";
import { storeVersion } from "../../server/versions/service";
import { createUser, startTestPlatform } from "../helpers/platform";
import { SPEC } from "../helpers/sample-spec";

/**
 * The garbage collection of content-addressed blobs (issue 17): on the S3 stand-in (s3rver)
 * with PGlite, and on the local filesystem store for the race with a writer reusing a blob.
 */
const tmp = mkdtempSync(path.join(tmpdir(), "blob-gc-"));
let platform: LocalPlatform;
let s3rver: { close(): Promise<void> } | undefined;
let s3: BlobStore;

before(async () => {
  platform = await startTestPlatform();
  const { default: S3rver } = await import("s3rver");
  const server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: path.join(tmp, "s3") });
  const { port } = (await server.run()) as { port: number };
  s3rver = server;
  const client = new S3Client({ endpoint: `http://127.0.0.1:${port}`, forcePathStyle: true, region: "us-east-1", credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
  await client.send(new CreateBucketCommand({ Bucket: "artifacts" }));
  s3 = new S3BlobStore(client, "artifacts");
});
after(async () => {
  await s3rver?.close();
  await platform.close();
  rmSync(tmp, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const onStore = (blobs: BlobStore): Platform => ({ ...platform, blobs });

async function projectWithVersion(p: Platform, name: string, systemPrompt: string) {
  const { user, caller } = await createUser(platform, "gc");
  const project = await caller.project.create({ name });
  const spec = { ...SPEC, systemPrompt };
  const version = await storeVersion(p, { projectId: project.id, spec, generated: generateProject(spec, registryLookup(loadRegistry())), verification: null });
  return { ownerId: user.id, projectId: project.id, version };
}

test("on S3: a blob shared by two projects survives deleting one; an orphan past the grace period goes; a fresh orphan stays", { timeout: 120_000 }, async () => {
  const p = onStore(s3);
  const a = await projectWithVersion(p, "Shared A", "Shared by two projects.");
  const b = await projectWithVersion(p, "Shared B", "Shared by two projects.");
  assert.equal(a.version.blobKey, b.version.blobKey, "the same spec shares one content-addressed file set");
  await deleteProjectEverywhere(p, a.ownerId, a.projectId);
  assert.ok(await s3.has(b.version.blobKey) && await s3.has(b.version.zipBlobKey!), "B still uses them");

  await s3.put("filesets/0000000000000000000000000000000000000000000000000000000000000001.json", new Uint8Array([1]), "application/json");
  await sleep(3_000); // S3 keeps whole seconds: the orphan and B's blobs are now 3 s old
  await s3.put("filesets/0000000000000000000000000000000000000000000000000000000000000002.json", new Uint8Array([2]), "application/json");

  const report = await collectBlobGarbage(p, { graceMs: 1_800 });
  assert.deepEqual(report.deleted, ["filesets/0000000000000000000000000000000000000000000000000000000000000001.json"]);
  assert.equal(await s3.has("filesets/0000000000000000000000000000000000000000000000000000000000000002.json"), true, "the fresh orphan is kept");
  assert.ok(await s3.has(b.version.blobKey) && await s3.has(b.version.zipBlobKey!), "referenced blobs are kept");
  assert.ok(report.keptReferenced >= 2 && report.keptFresh >= 1);

  // B's version row gone (as if deleted by hand): its blobs are now orphans past the grace period.
  await platform.db.delete(generatedCode).where(eq(generatedCode.id, b.version.id));
  const second = await collectBlobGarbage(p, { graceMs: 1_800 });
  assert.deepEqual(second.deleted.sort(), [b.version.blobKey, b.version.zipBlobKey!].sort());
});

test("a writer reusing an orphan while the collector runs keeps it: the reuse touches it before the row exists", { timeout: 120_000 }, async () => {
  // Project C's version, then its row removed: its blobs are orphans, older than the grace period.
  const c = await projectWithVersion(platform, "Orphaned", "Reused while collected.");
  await platform.db.delete(generatedCode).where(eq(generatedCode.id, c.version.id));
  await sleep(1_200);

  // Project D stores the same bytes; the collector runs between D touching the blobs and D's row.
  let report: Awaited<ReturnType<typeof collectBlobGarbage>> | undefined;
  const racing: BlobStore = Object.create(platform.blobs, {
    touch: {
      value: async (key: string, type: string) => {
        const touched = await platform.blobs.touch(key, type);
        if (key === c.version.zipBlobKey) report = await collectBlobGarbage(platform, { graceMs: 1_000 });
        return touched;
      },
    },
  });
  const d = await projectWithVersion(onStore(racing), "Reuser", "Reused while collected.");
  assert.equal(d.version.blobKey, c.version.blobKey);
  assert.ok(report, "the collector ran inside the race window");
  assert.ok(!report.deleted.includes(c.version.blobKey) && !report.deleted.includes(c.version.zipBlobKey!), `nothing of D's was collected: ${report.deleted.join(", ")}`);
  assert.ok(await platform.blobs.has(d.version.blobKey) && await platform.blobs.has(d.version.zipBlobKey!), "D's version reads its blobs");
});
