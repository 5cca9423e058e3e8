import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "yaml";
import { loadRegistry } from "../../../server/composition/services";
import { bootstrapTemplate } from "../../../server/deploy/bootstrap";
import { actionsByRole, baseDeployerPermissions, deployerPermissions } from "../../../server/deploy/plan/deployer-iam";
import { findCfnTemplates } from "../../../server/deploy/plan/iac";
import { generateProject } from "../../../server/generation";
import { registryLookup } from "../../../server/registry/load";
import { FIVE_TOOL_SPEC } from "../../helpers/deploy-spec";
import { SPEC } from "../../helpers/sample-spec";

/**
 * What Apply's IAM simulation asks (the plan's known deployer needs) is what the bootstrap
 * roles grant, for every target we generate: otherwise a user who deployed our own bootstrap
 * stack would be refused. IAM wildcards are matched as IAM matches them (case-insensitive).
 */
type Statement = { Action: string | string[] };
const bootstrap = parse(bootstrapTemplate());
const granted = (role: string) => (bootstrap.Resources[role].Properties.Policies[0].PolicyDocument.Statement as Statement[]).flatMap((s) => ([] as string[]).concat(s.Action));
const matches = (patterns: string[], action: string) => patterns.some((p) => new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`, "i").test(action));
const registry = registryLookup(loadRegistry());

describe("the bootstrap roles grant what Apply simulates", () => {
  test("the deploy role: every deploy's own calls", () => {
    const missing = actionsByRole(baseDeployerPermissions()).deployRole.filter((a) => !matches(granted("DeployRole"), a));
    assert.deepEqual(missing, []);
  });

  test("the execution role: the known resource actions of every generated target", () => {
    const specs = [SPEC, FIVE_TOOL_SPEC, { ...SPEC, deployment: { target: "ecs-fargate" } }, { ...SPEC, language: "typescript", deployment: { target: "lambda" } }, { ...SPEC, deployment: { target: "lambda" } }];
    for (const spec of specs) {
      const template = findCfnTemplates(generateProject(spec, registry).files)[0]!;
      const { executionRole } = actionsByRole(deployerPermissions(template, { containerImage: false }));
      assert.deepEqual(executionRole.filter((a) => !matches(granted("ExecutionRole"), a)), [], `${spec.language} ${spec.deployment.target}`);
    }
  });
});
