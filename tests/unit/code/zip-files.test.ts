import assert from "node:assert/strict";
import { describe, test } from "node:test";
import JSZip from "jszip";
import { base64ToBytes, zipFileName, zipFiles } from "../../../components/code/zip-files";
import { generateProject, zipProject } from "../../../server/generation";
import { registryLookup } from "../../../server/registry/load";
import { loadRegistry } from "../../../server/composition/services";
import { SPEC } from "../../helpers/pipeline";

function generated() {
  const registry = loadRegistry();
  return generateProject({ ...SPEC, tools: [{ id: "http_request" }] }, registryLookup(registry));
}

describe("Code tab: the browser's ZIP (JSZip)", () => {
  test("has the same bytes as the stored ZIP of the same files", async () => {
    const { files } = generated();
    // The tab receives files in any order; the archive must not depend on it.
    const entries = [...files.entries()].reverse().map(([path, content]) => ({ path, content: content as string }));
    const browser = await zipFiles(entries);
    const stored = await zipProject(files);
    assert.ok(browser.byteLength > 1000);
    assert.equal(Buffer.compare(Buffer.from(browser), Buffer.from(stored)), 0);
  });

  test("holds every file with its content, scripts executable", async () => {
    const zip = await JSZip.loadAsync(await zipFiles([{ path: "scripts/deploy.sh", content: "#!/bin/sh\necho ok\n" }, { path: "app/agent.py", content: "print('é')\n" }]));
    assert.deepEqual(Object.keys(zip.files).sort(), ["app/agent.py", "scripts/deploy.sh"]);
    assert.equal(await zip.file("app/agent.py")!.async("string"), "print('é')\n");
    assert.equal((zip.files["scripts/deploy.sh"]!.unixPermissions as number) & 0o777, 0o755);
    assert.equal((zip.files["app/agent.py"]!.unixPermissions as number) & 0o777, 0o644);
  });

  test("names the file as the server does, and decodes the server's base64", () => {
    assert.equal(zipFileName("Support Bot!", 2), "support-bot-v2.zip");
    assert.equal(zipFileName("✨", 1), "agent-v1.zip");
    const bytes = new Uint8Array([0, 1, 2, 250, 255, 80, 75]);
    assert.deepEqual(base64ToBytes(Buffer.from(bytes).toString("base64")), bytes);
  });
});
