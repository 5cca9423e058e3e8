import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { wholeModelList, wholeToolList } from "../../../server/registry/list-answers";
import { loadRegistryFrom } from "../../../server/registry/load";
import { modelSummary, toolSummaryIn } from "../../../server/registry/summaries";

test("the whole lists are built once, deep-frozen copies of the summaries; the registry stays unfrozen", () => {
  const registry = loadRegistryFrom(join(process.cwd(), "registry"));
  const models = wholeModelList(registry);
  assert.deepEqual(models, { version: registry.modelsVersion, total: registry.models.length, models: registry.models.map(modelSummary) });
  assert.equal(wholeModelList(registry), models, "built once per registry");
  assert.ok(Object.isFrozen(models) && Object.isFrozen(models.models) && Object.isFrozen(models.models[0]!.capabilities));

  const tools = wholeToolList(registry);
  assert.deepEqual(tools, { version: registry.toolsVersion, total: registry.tools.length, tools: registry.tools.map(toolSummaryIn(registry)) });
  assert.ok(Object.isFrozen(tools.tools[0]!.platforms));
  assert.ok(!Object.isFrozen(registry.models[0]!.capabilities) && !Object.isFrozen(registry.tools[0]!.platforms), "the registry's own entries are not frozen");
});
