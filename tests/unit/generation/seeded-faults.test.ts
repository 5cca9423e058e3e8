import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parse, stringify } from "yaml";
import { generateProject } from "../../../server/generation/generate-project";
import { verifyProject } from "../../../server/generation/verify/verify-project";
import type { ProjectFiles } from "../../../server/generation/types";
import { baseSpec, fixtureRegistry } from "./fixtures";

/**
 * Faults seeded into a verified project: each must make verification fail, naming the
 * file and the reason. (The secret crash is seeded in tests/generator/rehearsal.test.ts:
 * it shows only when the project runs.)
 */

const project = generateProject(
  baseSpec({ name: "faulty-agent", language: "typescript", tools: [{ id: "notebook" }], deployment: { target: "ecs-fargate" } }),
  fixtureRegistry,
);

function withChange(path: string, change: (text: string) => string): ProjectFiles {
  const files = new Map(project.files);
  const before = String(files.get(path));
  const after = change(before);
  assert.notEqual(after, before, `the fault was seeded into ${path}`);
  files.set(path, after);
  return files;
}

const cfnChange = (edit: (t: any) => void) => (text: string) => {
  const t = parse(text);
  edit(t);
  return stringify(t, { lineWidth: 0, aliasDuplicateObjects: false });
};

async function assertFails(files: ProjectFiles, file: string, reason: RegExp) {
  const result = await verifyProject(files, { requiredIam: project.requiredIam });
  assert.equal(result.ok, false);
  const errors = result.checks.filter((c) => c.severity === "error");
  assert.ok(errors.some((e) => e.file === file && reason.test(e.message)), `expected an error on ${file} matching ${reason}, got ${JSON.stringify(errors)}`);
}

describe("seeded faults fail verification with the file and the reason", () => {
  test("the untouched project verifies", async () => {
    const result = await verifyProject(project.files, { requiredIam: project.requiredIam });
    assert.deepEqual(result.checks.filter((c) => c.severity === "error"), []);
  });
  test("a Dockerfile that runs as root", () => assertFails(withChange("Dockerfile", (t) => t.replace("USER node", "USER root")), "Dockerfile", /runs as root/));
  test("app files owned by the runtime user", () => assertFails(withChange("Dockerfile", (t) => t.replace("COPY --from=build /app/dist", "COPY --from=build --chown=node:node /app/dist")), "Dockerfile", /owned by 'node'/));
  test("an open plain-HTTP listener", () =>
    assertFails(
      withChange("infra/cloudformation.yaml", cfnChange((t) => {
        t.Resources.Listener.Properties = { LoadBalancerArn: { Ref: "LoadBalancer" }, Port: 80, Protocol: "HTTP", DefaultActions: t.Resources.Listener.Properties.DefaultActions };
        t.Resources.LoadBalancerSecurityGroup.Properties.SecurityGroupIngress = [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, CidrIp: "0.0.0.0/0" }];
      })),
      "infra/cloudformation.yaml",
      /plain HTTP/,
    ));
  test("a deploy variable the workflow does not pass", () =>
    assertFails(withChange(".github/workflows/ci.yml", (t) => t.replace(/^ +VPC_ID: .*\n/m, "")), ".github/workflows/ci.yml", /does not pass VPC_ID/));
  test("an action pinned by tag", () =>
    assertFails(withChange(".github/workflows/ci.yml", (t) => t.replace(/actions\/checkout@[0-9a-f]{40}/g, "actions/checkout@v4")), ".github/workflows/ci.yml", /pinned by a tag/));
  test("a GetAtt of an attribute the resource type does not have", () =>
    assertFails(withChange("infra/cloudformation.yaml", cfnChange((t) => (t.Outputs.TaskRoleArn.Value = { "Fn::GetAtt": ["TaskRole", "Arnn"] }))), "infra/cloudformation.yaml", /TaskRole\.Arnn: AWS::IAM::Role has no attribute Arnn/));
  test("a GetAtt of a resource that does not exist, a Ref to nothing", async () => {
    const files = withChange("infra/cloudformation.yaml", cfnChange((t) => {
      t.Outputs.TaskRoleArn.Value = { "Fn::GetAtt": ["TaskRol", "Arn"] };
      t.Resources.Cluster.Properties.ClusterName = { Ref: "NoSuchParameter" };
    }));
    await assertFails(files, "infra/cloudformation.yaml", /GetAtt TaskRol\.Arn names no resource/);
    await assertFails(files, "infra/cloudformation.yaml", /Ref NoSuchParameter/);
  });
  test("a property the resource specification does not know, and a missing required one", async () => {
    const files = withChange("infra/cloudformation.yaml", cfnChange((t) => {
      t.Resources.Cluster.Properties.ClusterNam = "x";
      delete t.Resources.TaskRole.Properties.AssumeRolePolicyDocument;
      t.Resources.TaskDefinition.Properties.ContainerDefinitions[0].ReadOnlyRootFilesystem = true;
    }));
    await assertFails(files, "infra/cloudformation.yaml", /ClusterNam is not a property/);
    await assertFails(files, "infra/cloudformation.yaml", /required property AssumeRolePolicyDocument/);
    await assertFails(files, "infra/cloudformation.yaml", /ContainerDefinitions\[0\]\.ReadOnlyRootFilesystem is not a property/);
  });
  test("a resource type that does not exist", () =>
    assertFails(withChange("infra/cloudformation.yaml", cfnChange((t) => (t.Resources.Cluster.Type = "AWS::ECS::Clusterr"))), "infra/cloudformation.yaml", /AWS::ECS::Clusterr is not a CloudFormation resource type/));
});
