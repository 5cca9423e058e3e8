import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import { listExamples, loadExample } from "../../server/cli/commands/init";
import { generateProject } from "../../server/generation/generate-project";
import { verifyProject } from "../../server/generation/verify/verify-project";
import { loadRegistryFrom, registryLookup } from "../../server/registry/load";

/** The `agent-builder init` examples, generated with the real registry and real tools, verify clean. */

const registry = loadRegistryFrom(join(__dirname, "..", "..", "registry"));
const lookup = registryLookup(registry);

describe("example specs with the real registry", () => {
  test("there is an example for each language", () => {
    const ids = listExamples();
    assert.ok(ids.some((i) => i.startsWith("python-")) && ids.some((i) => i.startsWith("typescript-")), ids.join(","));
  });

  for (const id of listExamples()) {
    test(`${id} generates and passes verification`, async () => {
      const project = generateProject(loadExample(id), lookup);
      assert.ok(project.files.size > 20);
      const result = await verifyProject(project.files, { requiredIam: project.requiredIam });
      assert.deepEqual(result.checks.filter((c) => c.severity === "error"), []);
    });
  }
});
