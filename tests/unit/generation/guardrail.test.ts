import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parse as parseYaml } from "yaml";
import { generateProject } from "../../../server/generation/generate-project";
import { verifyProject } from "../../../server/generation/verify/verify-project";
import type { AgentSpecInput } from "../../../server/spec/agent-spec";
import { baseSpec, fixtureRegistry } from "./fixtures";
import { injectionCorpus } from "./injection-corpus";

/** The spec's guardrails become a Bedrock Guardrail in every target's CloudFormation, scoped IAM and the model's config. */

const GUARDRAILS = {
  deniedTopics: [{ name: "Investment advice", definition: "Recommendations about which stocks, funds or crypto to buy or sell.", examples: ["Should I buy Tesla shares?"] }],
  pii: [
    { type: "EMAIL", action: "ANONYMIZE" },
    { type: "US_SOCIAL_SECURITY_NUMBER", action: "BLOCK" },
  ],
  words: ["bazooka"],
  profanity: true,
  groundingThreshold: 0.75,
} as const;

const spec = (over: Partial<AgentSpecInput> = {}) => baseSpec({ guardrails: GUARDRAILS as unknown as AgentSpecInput["guardrails"], ...over });
type Cfn = { Resources: Record<string, { Type: string; Properties: Record<string, any> }> };
const cfnOf = (files: Map<string, string | Uint8Array>) => parseYaml(String(files.get("infra/cloudformation.yaml"))) as Cfn;

function agentStatements(cfn: Cfn): Array<{ Action: string[]; Resource: unknown[] }> {
  return Object.values(cfn.Resources)
    .filter((r) => r.Type === "AWS::IAM::Role")
    .flatMap((r) => (r.Properties.Policies ?? []).flatMap((p: any) => p.PolicyDocument.Statement));
}

describe("guardrails in generated projects", () => {
  for (const language of ["typescript", "python"] as const) {
    for (const target of ["agentcore", "ecs-fargate", "lambda"] as const) {
      test(`${language} on ${target}: Guardrail + version, ApplyGuardrail on it only, wired into the model, verifies clean`, async () => {
        const project = generateProject(spec({ name: `g-${language.slice(0, 2)}-${target}`, language, deployment: { target } }), fixtureRegistry);
        const cfn = cfnOf(project.files);
        const g = cfn.Resources.AgentGuardrail!;
        assert.equal(g.Type, "AWS::Bedrock::Guardrail");
        assert.deepEqual(g.Properties.TopicPolicyConfig.TopicsConfig, [{ Name: "Investment advice", Definition: GUARDRAILS.deniedTopics[0].definition, Examples: ["Should I buy Tesla shares?"], Type: "DENY" }]);
        assert.deepEqual(g.Properties.SensitiveInformationPolicyConfig.PiiEntitiesConfig, [{ Type: "EMAIL", Action: "ANONYMIZE" }, { Type: "US_SOCIAL_SECURITY_NUMBER", Action: "BLOCK" }]);
        assert.deepEqual(g.Properties.WordPolicyConfig, { WordsConfig: [{ Text: "bazooka" }], ManagedWordListsConfig: [{ Type: "PROFANITY" }] });
        assert.deepEqual(g.Properties.ContextualGroundingPolicyConfig, { FiltersConfig: [{ Type: "GROUNDING", Threshold: 0.75 }] });
        assert.equal(cfn.Resources.AgentGuardrailVersion!.Type, "AWS::Bedrock::GuardrailVersion");

        const apply = agentStatements(cfn).filter((s) => s.Action.includes("bedrock:ApplyGuardrail"));
        assert.equal(apply.length, 1);
        assert.deepEqual(apply[0]!.Resource, [{ "Fn::Sub": "arn:${AWS::Partition}:bedrock:${AWS::Region}:${AWS::AccountId}:guardrail/${AgentGuardrail.GuardrailId}" }]);

        const envText = JSON.stringify(cfn);
        assert.match(envText, /"AGENT_GUARDRAIL_ID":\{"Fn::GetAtt":\["AgentGuardrail","GuardrailId"\]\}|"Name":"AGENT_GUARDRAIL_ID","Value":\{"Fn::GetAtt":\["AgentGuardrail","GuardrailId"\]\}/);
        assert.match(envText, /AgentGuardrailVersion","Version"/);
        if (language === "typescript") {
          const model = String(project.files.get("src/model.ts"));
          assert.match(model, /guardrailConfig: \{ guardrailIdentifier, guardrailVersion: env\("AGENT_GUARDRAIL_VERSION", "DRAFT"\)/);
          assert.match(String(project.files.get("src/run-once.ts")), /type: "guardrail", action: "intervened"/);
        } else {
          const model = String(project.files.get("app/model.py"));
          assert.match(model, /options\["guardrail_id"\] = guardrail_id/);
          assert.match(model, /options\["guardrail_version"\] = env\("AGENT_GUARDRAIL_VERSION", "DRAFT"\)/);
        }
        const result = await verifyProject(project.files, { requiredIam: project.requiredIam });
        assert.deepEqual(result.checks.filter((c) => c.severity === "error"), []);
      });
    }
  }

  test("no guardrails in the spec: no Guardrail resource, no ApplyGuardrail, no guardrail code", () => {
    const project = generateProject(baseSpec({ language: "typescript" }), fixtureRegistry);
    const text = [...project.files.values()].map(String).join("\n");
    assert.doesNotMatch(text, /Guardrail|GUARDRAIL|guardrailConfig/);
  });

  test("the resource-spec check catches a guardrail property Bedrock does not have", async () => {
    const project = generateProject(spec({ language: "typescript" }), fixtureRegistry);
    const files = new Map(project.files);
    files.set("infra/cloudformation.yaml", String(files.get("infra/cloudformation.yaml")).replace("BlockedOutputsMessaging:", "BlockedOutputMessaging:"));
    const result = await verifyProject(files, { requiredIam: project.requiredIam });
    const messages = result.checks.filter((c) => c.check === "cloudformation" && c.severity === "error").map((c) => c.message);
    assert.ok(messages.some((m) => /BlockedOutputMessaging is not a property/.test(m)), messages.join("\n"));
    assert.ok(messages.some((m) => /required property BlockedOutputsMessaging is missing/.test(m)), messages.join("\n"));
  });

  test("hostile topic definitions, examples and words stay YAML values (never code)", () => {
    const corpus = injectionCorpus().filter((s) => s.trim().length > 0 && s.length <= 100 && (s as string & { isWellFormed(): boolean }).isWellFormed());
    for (let i = 0; i < corpus.length; i += 50) {
      const hostile = corpus.slice(i, i + 5);
      const words = [...new Map(hostile.map((h) => [h.trim().toLowerCase(), h])).values()];
      const guardrails = { deniedTopics: [{ name: "hostile", definition: hostile[0]!, examples: hostile.slice(0, 5) }], words, blockedMessage: hostile[1] ?? "no" };
      const project = generateProject(baseSpec({ language: "typescript", guardrails }), fixtureRegistry);
      const g = cfnOf(project.files).Resources.AgentGuardrail!.Properties;
      assert.equal(g.TopicPolicyConfig.TopicsConfig[0].Definition, hostile[0]!.trim());
      assert.deepEqual(g.WordPolicyConfig.WordsConfig.map((w: { Text: string }) => w.Text), words.map((h) => h.trim()));
      for (const path of ["src/model.ts", "src/run-once.ts", "src/agent.ts"]) {
        for (const h of hostile) if (h.trim().length > 3) assert.ok(!String(project.files.get(path)).includes(h.trim()), `${path} carries user text`);
      }
    }
  });
});
