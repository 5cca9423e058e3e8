import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { loadRegistry } from "../../../server/composition/services";
import { lambdaPackageKey, lambdaPackageOf } from "../../../server/deploy/lambda-package";
import { findCfnTemplates, parseCfnTemplate } from "../../../server/deploy/plan/iac";
import { generateProject } from "../../../server/generation";
import { registryLookup } from "../../../server/registry/load";
import { SPEC } from "../../helpers/sample-spec";

const registry = registryLookup(loadRegistry());
const templateOf = (spec: Record<string, unknown>) => findCfnTemplates(generateProject(spec, registry).files)[0]!;

describe("what a Lambda deploy packages, read from the generated template", () => {
  test("language from the Runtime, architecture from Architectures, for every language and architecture", () => {
    for (const language of ["typescript", "python"] as const) {
      for (const architecture of ["arm64", "x86_64"] as const) {
        const template = templateOf({ ...SPEC, language, deployment: { target: "lambda", architecture } });
        assert.deepEqual(lambdaPackageOf(template), { language, architecture }, `${language} ${architecture}`);
      }
    }
  });

  test("container targets and functions whose code is not the CodeKey parameter need no package", () => {
    assert.equal(lambdaPackageOf(templateOf({ ...SPEC, deployment: { target: "agentcore" } })), null);
    const inline = parseCfnTemplate("t.yaml", "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs22.x\n      Code: { ZipFile: 'exports.handler = async () => 1' }\n")!;
    assert.equal(lambdaPackageOf(inline), null);
    // Lambda's default architecture when the template names none.
    const bare = parseCfnTemplate("t.yaml", "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n      Code: { S3Key: !Ref CodeKey }\n")!;
    assert.deepEqual(lambdaPackageOf(bare), { language: "python", architecture: "x86_64" });
  });

  test("the package key is under the prefix the bootstrap build role may write, distinct per architecture", () => {
    const a = lambdaPackageKey("bot-dev", "abc", { language: "typescript", architecture: "arm64" });
    assert.match(a, /^packages\/bot-dev\//);
    assert.notEqual(a, lambdaPackageKey("bot-dev", "abc", { language: "typescript", architecture: "x86_64" }));
  });
});
