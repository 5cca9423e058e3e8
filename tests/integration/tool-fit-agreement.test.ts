import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { saveGate } from "../../components/tools/save-gate";
import { servicesFor } from "../../server/composition/root";
import { DomainError } from "../../server/errors";
import { draftMisfits } from "../../server/consultation/rules/tool-misfits";
import { generateProject } from "../../server/generation/generate-project";
import type { LocalPlatform } from "../../server/platform/local";
import { registryLookup, type Registry } from "../../server/registry/load";
import type { DeploymentTargetId, ToolEntry } from "../../server/registry/schema";
import { generatedEntry } from "../../server/registry/tool-fit";
import { createUser, startTestPlatform } from "../helpers/platform";
import { SPEC } from "../helpers/sample-spec";

/**
 * One answer for "can this tool be used here": for every tool of the real registry, both
 * languages and the three deployment targets, the Tools tab's Save gate (its gate function
 * fed with the real router's answer), the save (selection.setTools through the real router),
 * the spec's completeness and the generator (generateProject) agree: the tab lets Save
 * through ⇔ the save is accepted ⇔ the spec is complete ⇔ the project generates. Required
 * settings are filled in, so only fit decides. On main before this test (2026-12-05) 37 of
 * the 534 cases disagreed, all deprecated tools: e.g. current_time and calculator on
 * Python + Lambda (tab allowed Save, save and generator refused: the replacement does not run
 * on Lambda), editor, shell, slack, sleep on TypeScript (tab blocked Save, save and generator
 * accepted: the replacement has TypeScript), retrieve, memory and slack (the save checked
 * settings against the deprecated tool, the generator against its replacement).
 */

let platform: LocalPlatform;
let registry: Registry;
before(async () => {
  platform = await startTestPlatform();
  registry = servicesFor(platform).registry;
});
after(async () => {
  await platform.close();
});

const LANGUAGES = ["python", "typescript"] as const;
const TARGETS: DeploymentTargetId[] = ["agentcore", "ecs-fargate", "lambda"];

/**
 * A value of the right type for each required setting without a default (secrets come from
 * the environment), of the entry the tool is generated as: a deprecated tool is generated
 * as its replacement, with the replacement's settings.
 */
function requiredConfig(chosen: ToolEntry): Record<string, string | number | boolean> {
  const tool = generatedEntry(chosen, (id) => registry.toolById.get(id));
  const needed = tool.config.filter((p) => p.required && p.default === null && !p.secret);
  return Object.fromEntries(needed.map((p) => [p.name, p.type === "number" ? 1 : p.type === "boolean" ? true : "example"]));
}

function generates(language: string, target: DeploymentTargetId, ...tools: ToolEntry[]): true | string {
  try {
    generateProject({ ...SPEC, language, deployment: { target }, tools: tools.map((t) => ({ id: t.id, config: requiredConfig(t) })) }, registryLookup(registry));
    return true;
  } catch (e) {
    if (e instanceof DomainError) return e.message;
    throw e;
  }
}

type Caller = Awaited<ReturnType<typeof createUser>>["caller"];

/** The tab's Save gate over the server's answer for the project's language and target. */
async function tabAllowsSave(caller: Caller, language: (typeof LANGUAGES)[number], target: DeploymentTargetId, ...ids: string[]): Promise<true | string> {
  const data = await caller.registry.tools.check({ ids, language, target });
  const gate = saveGate(ids, { data, isPlaceholderData: false, isError: false });
  return gate.state === "open" ? true : gate.state === "blocked" ? `blocked: ${gate.refused.map((r) => r.reason).join("; ")}` : "checking";
}

/** The spec's completeness: a tool the generator refuses is a missing `tools.N.id` (the Generate button stays off). */
function complete(language: (typeof LANGUAGES)[number], target: DeploymentTargetId, id: string): true | string {
  const misfits = draftMisfits({ language, deployment: { target }, tools: [{ id, config: {} }] }, registry.tools);
  return misfits.length === 0 ? true : misfits.map((m) => `${m.path}: ${m.misfit.sentence}`).join("; ");
}

async function saves(caller: Caller, projectId: string, ...tools: ToolEntry[]): Promise<true | string> {
  try {
    await caller.selection.setTools({ projectId, tools: tools.map((t) => ({ id: t.id, config: requiredConfig(t) })) });
    return true;
  } catch (e) {
    return (e as Error).message;
  }
}

test("every registry tool × language × target: the Tools tab's gate, the save and the generator agree", { timeout: 600_000 }, async () => {
  const disagreements: string[] = [];
  let accepted = 0;
  let refused = 0;
  for (const language of LANGUAGES) {
    for (const target of TARGETS) {
      // A user per combination: its 89 saves stay inside one user's write budget per minute.
      const { caller } = await createUser(platform, `fit-${language}-${target}`);
      const project = await caller.project.create({ name: `Fit ${language} ${target}` });
      const { state } = await caller.consultation.get({ projectId: project.id });
      await caller.consultation.updateSpec({ projectId: project.id, rev: state.rev, edits: [{ path: "language", value: language }, { path: "deployment.target", value: target }] });
      for (const tool of registry.tools) {
        const tab = await tabAllowsSave(caller, language, target, tool.id);
        const save = await saves(caller, project.id, tool);
        const generated = generates(language, target, tool);
        const completeness = complete(language, target, tool.id);
        const verdicts = [tab, save, generated, completeness].map((v) => v === true);
        if (verdicts.every((v) => v === verdicts[0])) {
          if (verdicts[0]) accepted++;
          else refused++;
          continue;
        }
        const say = (v: true | string) => (v === true ? "accepts" : `refuses (${v.slice(0, 160)})`);
        disagreements.push(`${tool.id} ${tool.status} on ${language}/${target}: tab ${say(tab)}; save ${say(save)}; generator ${say(generated)}; completeness ${say(completeness)}`);
      }
    }
  }
  console.log(`tool-fit agreement: ${accepted} accepted by all, ${refused} refused by all, ${disagreements.length} disagreements`);
  assert.deepEqual(disagreements, []);
  // Both outcomes occur in the table, so agreement is not "everything passes" or "everything fails".
  assert.ok(accepted > 0 && refused > 0, `${accepted} accepted, ${refused} refused`);
});

test("a deprecated tool beside the replacement it is generated as: the tab, the save and the generator all refuse", { timeout: 300_000 }, async () => {
  const byId = (id: string) => registry.toolById.get(id);
  const pairs = registry.tools.flatMap((t) => {
    const built = generatedEntry(t, byId);
    return built === t ? [] : [[t, built] as const];
  });
  assert.ok(pairs.length > 0, "the registry has deprecated tools with a replacement");
  const accepted: string[] = [];
  for (const language of LANGUAGES) {
    for (const target of TARGETS) {
      const { caller } = await createUser(platform, `fit-pair-${language}-${target}`);
      const project = await caller.project.create({ name: `Pairs ${language} ${target}` });
      const { state } = await caller.consultation.get({ projectId: project.id });
      await caller.consultation.updateSpec({ projectId: project.id, rev: state.rev, edits: [{ path: "language", value: language }, { path: "deployment.target", value: target }] });
      for (const [old, replacement] of pairs) {
        const verdicts = {
          tab: await tabAllowsSave(caller, language, target, old.id, replacement.id),
          save: await saves(caller, project.id, old, replacement),
          generator: generates(language, target, old, replacement),
        };
        for (const [who, v] of Object.entries(verdicts)) if (v === true) accepted.push(`${who} accepts ${old.id}+${replacement.id} on ${language}/${target}`);
      }
    }
  }
  assert.deepEqual(accepted, []);
});
