import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { FsBlobStore } from "../../server/platform/fs-blob-store";
import { S3BlobStore } from "../../server/platform/s3-blob-store";
import type { BlobStore } from "../../server/platform/types";

/**
 * One suite, both BlobStore implementations: the local filesystem store and the S3 store
 * against s3rver (set S3_CONTRACT_AWS_BUCKET to also run it against a real bucket).
 */
const tmp = mkdtempSync(path.join(tmpdir(), "blob-contract-"));
let s3rver: { close(): Promise<void> } | undefined;
const stores: Record<string, () => BlobStore> = {};

before(async () => {
  const { default: S3rver } = await import("s3rver");
  const server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: path.join(tmp, "s3") });
  const { port } = (await server.run()) as { port: number };
  s3rver = server;
  const client = new S3Client({ endpoint: `http://127.0.0.1:${port}`, forcePathStyle: true, region: "us-east-1", credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
  await client.send(new CreateBucketCommand({ Bucket: "artifacts" }));
  stores["s3 (s3rver)"] = () => new S3BlobStore(client, "artifacts");
  stores["filesystem"] = () => new FsBlobStore(path.join(tmp, "fs"));
});
after(async () => {
  await s3rver?.close();
  rmSync(tmp, { recursive: true, force: true });
});

for (const name of ["filesystem", "s3 (s3rver)"]) {
  describe(`BlobStore contract: ${name}`, () => {
    test("put, get, has, delete round-trip bytes exactly", async () => {
      const store = stores[name]!();
      const key = `sets/${name.replace(/\W/g, "")}/abc123.bin`;
      const bytes = new Uint8Array([0, 1, 2, 255, 254, 10, 13, 0]);
      assert.equal(await store.has(key), false);
      assert.equal(await store.get(key), null);
      await store.put(key, bytes, "application/octet-stream");
      assert.equal(await store.has(key), true);
      assert.deepEqual(await store.get(key), bytes);
      await store.put(key, new Uint8Array([7]), "application/octet-stream");
      assert.deepEqual(await store.get(key), new Uint8Array([7]), "a second put replaces the object");
      await store.delete(key);
      assert.equal(await store.has(key), false);
      assert.equal(await store.get(key), null);
    });

    test("an empty object is stored and read as empty, not missing", async () => {
      const store = stores[name]!();
      await store.put("empty/object", new Uint8Array(), "application/octet-stream");
      assert.deepEqual(await store.get("empty/object"), new Uint8Array());
    });

    test("readUrl gives a credential-free URL that reads exactly that object", async () => {
      const store = stores[name]!();
      const key = `zips/${name.replace(/\W/g, "")}/v1.zip`;
      await store.put(key, new Uint8Array([80, 75, 3, 4]), "application/zip");
      const url = await store.readUrl(key, 60);
      assert.ok(url.includes(key));
      const bytes = url.startsWith("file:") ? new Uint8Array(readFileSync(fileURLToPath(url))) : new Uint8Array(await (await fetch(url)).arrayBuffer());
      assert.deepEqual(bytes, new Uint8Array([80, 75, 3, 4]));
      if (!url.startsWith("file:")) assert.match(url, /X-Amz-Expires=60/, "presigned for a limited time");
    });

    test("touch renews an object's time and keeps its bytes; a missing object is not created", { timeout: 20_000 }, async () => {
      const store = stores[name]!();
      const key = `filesets/${name.replace(/\W/g, "")}/touched.json`;
      assert.equal(await store.touch(key, "application/json"), false);
      assert.equal(await store.has(key), false, "touch creates nothing");
      assert.equal(await store.lastModified(key), null);
      await store.put(key, new Uint8Array([123, 125]), "application/json");
      const first = (await store.lastModified(key))!;
      await new Promise((r) => setTimeout(r, 1_100)); // S3 keeps whole seconds
      assert.equal(await store.touch(key, "application/json"), true);
      // s3rver 3.7 answers a copy onto itself from the old file (its Last-Modified is the file's
      // mtime, which a metadata-only copy leaves alone); S3 makes a new object with a new time.
      if (name !== "s3 (s3rver)") assert.ok((await store.lastModified(key))!.getTime() > first.getTime(), "the time moved on");
      assert.deepEqual(await store.get(key), new Uint8Array([123, 125]));
    });

    test("list yields exactly the objects under a prefix, with their times", async () => {
      const store = stores[name]!();
      const base = `listed-${name.replace(/\W/g, "")}`;
      for (const k of [`${base}/a/1.json`, `${base}/a/2.json`, `${base}/b/3.json`, `${base}-other/4.json`]) await store.put(k, new Uint8Array([1]), "application/json");
      const listed: { key: string; lastModified: Date }[] = [];
      for await (const o of store.list(`${base}/`)) listed.push(o);
      assert.deepEqual(listed.map((o) => o.key).sort(), [`${base}/a/1.json`, `${base}/a/2.json`, `${base}/b/3.json`]);
      assert.ok(listed.every((o) => o.lastModified instanceof Date && Math.abs(o.lastModified.getTime() - Date.now()) < 60_000));
    });
  });
}

test("the filesystem store refuses keys that escape its directory", async () => {
  const store = new FsBlobStore(path.join(tmp, "fs2"));
  await assert.rejects(store.put("../escape", new Uint8Array([1]), "x"), /invalid blob key/);
  await assert.rejects(store.get("/etc/passwd"), /invalid blob key/);
});
