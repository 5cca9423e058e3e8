import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parse } from "yaml";
import { generateProject } from "../../../server/generation/generate-project";
import type { AgentSpecInput } from "../../../server/spec/agent-spec";
import { baseSpec, fixtureRegistry } from "./fixtures";

/**
 * Regression tests for the defects an AWS engineer found in the generated projects: each
 * asserts the deployed shape (CloudFormation, Dockerfile, CI, README), not template text.
 */

type Cfn = { Parameters?: Record<string, { Type: string; Default?: unknown }>; Resources: Record<string, { Type: string; Properties: Record<string, any> }>; Outputs?: Record<string, unknown> };
const TARGETS = ["agentcore", "ecs-fargate", "lambda"] as const;
const LANGUAGES = ["typescript", "python"] as const;

function generate(language: (typeof LANGUAGES)[number], target: (typeof TARGETS)[number], over: Partial<AgentSpecInput> = {}) {
  const tools = language === "typescript" ? [{ id: "notebook" }] : [{ id: "http_request" }];
  const files = generateProject(baseSpec({ name: `${language.slice(0, 2)}-${target}-agent`, language, tools, deployment: { target }, ...over }), fixtureRegistry).files;
  const text = (path: string) => {
    const c = files.get(path);
    assert.ok(c !== undefined, `${path} is generated`);
    return String(c);
  };
  return { files, text, cfn: () => parse(text("infra/cloudformation.yaml")) as Cfn };
}

/** The environment a resource gives the agent, whatever the target. */
function agentEnvironment(cfn: Cfn): Record<string, unknown> {
  for (const r of Object.values(cfn.Resources)) {
    if (r.Type === "AWS::Lambda::Function") return r.Properties.Environment.Variables;
    if (r.Type === "AWS::BedrockAgentCore::Runtime") return r.Properties.EnvironmentVariables;
    if (r.Type === "AWS::ECS::TaskDefinition") {
      return Object.fromEntries((r.Properties.ContainerDefinitions[0].Environment as Array<{ Name: string; Value: unknown }>).map((e) => [e.Name, e.Value]));
    }
  }
  throw new Error("no agent resource");
}

describe("the agent's secret", () => {
  for (const target of TARGETS) {
    test(`${target}: AGENT_SECRET_ID refers to a secret the same template creates`, () => {
      const cfn = generate("typescript", target).cfn();
      const id = agentEnvironment(cfn).AGENT_SECRET_ID as { Ref?: string };
      assert.equal(typeof id, "object", "AGENT_SECRET_ID is a reference, not a fixed name");
      assert.equal(cfn.Resources[id.Ref!]?.Type, "AWS::SecretsManager::Secret");
    });
  }
  test("the TypeScript agent starts when the secret cannot be read (it logs instead of throwing)", () => {
    const config = generate("typescript", "agentcore").text("src/config.ts");
    const load = config.slice(config.indexOf("export async function loadSecrets"), config.indexOf("async function readSecret"));
    assert.match(load, /try \{[\s\S]*readSecret[\s\S]*\} catch/);
    assert.doesNotMatch(load, /throw /);
  });
  test("secretsSource env: no secret, no AGENT_SECRET_ID", () => {
    const cfn = generate("typescript", "lambda", { security: { maxInputChars: 1000, secretsSource: "env" } }).cfn();
    assert.equal(agentEnvironment(cfn).AGENT_SECRET_ID, undefined);
    assert.ok(!Object.values(cfn.Resources).some((r) => r.Type === "AWS::SecretsManager::Secret"));
  });
});

describe("current runtimes", () => {
  test("Node 22 in the Dockerfile, Lambda, CI, engines and AgentCore config; Python 3.12", () => {
    const ts = generate("typescript", "agentcore");
    assert.match(ts.text("Dockerfile"), /^FROM .*node:22-/m);
    assert.doesNotMatch(ts.text("Dockerfile"), /node:20/);
    assert.equal((JSON.parse(ts.text("package.json")) as { engines: { node: string } }).engines.node, ">=22");
    assert.equal((JSON.parse(ts.text("agentcore/agentcore.json")) as { runtimes: Array<{ runtimeVersion: string }> }).runtimes[0]!.runtimeVersion, "NODE_22");
    assert.match(ts.text(".github/workflows/ci.yml"), /node-version: "22"/);
    assert.equal(generate("typescript", "lambda").cfn().Resources.Function!.Properties.Runtime, "nodejs22.x");
    assert.equal(generate("python", "lambda").cfn().Resources.Function!.Properties.Runtime, "python3.12");
    assert.match(generate("python", "ecs-fargate").text("Dockerfile"), /FROM .*python:3\.12/);
  });
});

describe("ECS Fargate", () => {
  const cfnFor = (over: object = {}) => generate("typescript", "ecs-fargate", { deployment: { target: "ecs-fargate", ...over } as AgentSpecInput["deployment"] }).cfn();
  test("HTTPS listener with a certificate parameter; no plain HTTP; internal load balancer by default", () => {
    const cfn = cfnFor();
    const listener = cfn.Resources.Listener!.Properties;
    assert.equal(listener.Protocol, "HTTPS");
    assert.deepEqual(listener.Certificates, [{ CertificateArn: { Ref: "CertificateArn" } }]);
    assert.ok(cfn.Parameters?.CertificateArn);
    assert.equal(cfn.Resources.LoadBalancer!.Properties.Scheme, "internal");
    const ingress = cfn.Resources.LoadBalancerSecurityGroup!.Properties.SecurityGroupIngress as Array<{ FromPort: number; CidrIp: unknown }>;
    assert.ok(ingress.every((i) => i.FromPort === 443 && i.CidrIp !== "0.0.0.0/0"));
  });
  test("exposure oidc: internet-facing, and the listener authenticates before it forwards", () => {
    const cfn = cfnFor({ exposure: "oidc" });
    assert.equal(cfn.Resources.LoadBalancer!.Properties.Scheme, "internet-facing");
    const actions = cfn.Resources.Listener!.Properties.DefaultActions as Array<{ Type: string; Order: number }>;
    assert.deepEqual(actions.sort((a, b) => a.Order - b.Order).map((a) => a.Type), ["authenticate-oidc", "forward"]);
  });
  test("idle timeout above the time budget; container health check; read-only root with scratch volume", () => {
    const cfn = cfnFor({ timeBudgetSeconds: 900 });
    const attrs = cfn.Resources.LoadBalancer!.Properties.LoadBalancerAttributes as Array<{ Key: string; Value: string }>;
    assert.ok(Number(attrs.find((a) => a.Key === "idle_timeout.timeout_seconds")?.Value) > 900);
    const container = cfn.Resources.TaskDefinition!.Properties.ContainerDefinitions[0];
    assert.match(JSON.stringify(container.HealthCheck.Command), /\/ping/);
    assert.equal(container.ReadonlyRootFilesystem, true);
    assert.equal(container.MountPoints[0].ContainerPath, "/tmp");
  });
  test("app files in the image are root-owned; the process runs as a non-root user", () => {
    for (const language of LANGUAGES) {
      const dockerfile = generate(language, "ecs-fargate").text("Dockerfile");
      assert.doesNotMatch(dockerfile, /--chown=/, language);
      assert.match(dockerfile, /^USER (?!root)/m, language);
    }
  });
});

describe("generated CI", () => {
  for (const target of TARGETS) {
    test(`${target}: builds once, deploys that artifact, passes every deploy variable, pins actions by SHA`, () => {
      const g = generate("typescript", target);
      const workflow = parse(g.text(".github/workflows/ci.yml")) as { jobs: Record<string, { steps: Array<{ uses?: string; run?: string; env?: Record<string, string> }> }> };
      const uses = Object.values(workflow.jobs).flatMap((j) => j.steps.map((s) => s.uses).filter((u): u is string => !!u));
      for (const u of uses) assert.match(u, /@[0-9a-f]{40}$/, u);
      const deploy = workflow.jobs.deploy!.steps;
      assert.ok(deploy.some((s) => s.uses?.startsWith("actions/download-artifact@")));
      assert.ok(!deploy.some((s) => /docker buildx build|package-lambda/.test(s.run ?? "")), "deploy does not rebuild");
      const env = deploy.find((s) => s.run === "sh scripts/deploy.sh")?.env ?? {};
      const required = [...g.text("scripts/deploy.sh").matchAll(/\$\{([A-Z_]+):\?/g)].map((m) => m[1]!);
      for (const name of required) {
        assert.ok(env[name], `${name} is passed to the deploy step`);
        assert.match(g.text("README.md"), new RegExp(`\`${name}\``), `${name} is in the README`);
      }
    });
  }
});

describe("Python and Lambda specifics", () => {
  test("Python containers and functions run with BYPASS_TOOL_CONSENT (headless tool consent)", () => {
    for (const target of TARGETS) assert.equal(agentEnvironment(generate("python", target).cfn()).BYPASS_TOOL_CONSENT, "true", target);
    const agentcore = JSON.parse(generate("python", "agentcore").text("agentcore/agentcore.json")) as { runtimes: Array<{ envVars: Array<{ name: string }> }> };
    assert.ok(agentcore.runtimes[0]!.envVars.some((v) => v.name === "BYPASS_TOOL_CONSENT"));
  });
  test("the TypeScript Lambda function URL streams its response", () => {
    assert.equal(generate("typescript", "lambda").cfn().Resources.FunctionUrl!.Properties.InvokeMode, "RESPONSE_STREAM");
  });
});

describe("README", () => {
  for (const target of TARGETS) {
    test(`${target}: prerequisites, deploy, call, logs and teardown`, () => {
      const readme = generate("typescript", target).text("README.md");
      for (const heading of ["## Prerequisites", "## Deploy", "## Call the deployed agent", "## Logs and traces", "## Tear down"]) assert.ok(readme.includes(heading), heading);
      assert.match(readme, /delete-stack/);
      assert.match(readme, /curl|invoke-agent-runtime/);
    });
  }
});

describe("bad input", () => {
  test("a tool whose required setting is missing: generation refuses, naming the setting as a person knows it", () => {
    const spec = baseSpec({ name: "kb-agent", tools: [{ id: "knowledge_base" }] });
    assert.throws(
      () => generateProject(spec, fixtureRegistry),
      (e: Error) => /tools\.0\.config\.knowledge_base_id/.test(e.message) && /"Knowledge base id"/.test(e.message),
    );
  });
});
