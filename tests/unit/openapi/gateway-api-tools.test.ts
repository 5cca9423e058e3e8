import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, test } from "node:test";
import { parse } from "yaml";
import permissions from "../../../server/generation/builders/gateway-permissions.json";
import { generateProject } from "../../../server/generation/generate-project";
import { verifyProject } from "../../../server/generation/verify/verify-project";
import { apiToolFromDocument } from "../../../server/openapi/import";
import type { ApiTool } from "../../../server/spec/api-tools";
import { baseSpec, fixtureRegistry } from "../generation/fixtures";
import { PETSTORE } from "../../helpers/petstore";

/**
 * apiTools with exposure "gateway" on AgentCore: an AgentCore Gateway (MCP, AWS_IAM inbound auth)
 * serves the selected operations as an OpenAPI target whose API key the gateway reads from the
 * agent's secret; the agent reaches it with a SigV4-signing MCP client. Everywhere else: refused, naming the field.
 */

type Resource = { Type: string; Properties: Record<string, any> };
type Template = { Resources: Record<string, Resource>; Outputs: Record<string, unknown> };

const cfnOf = (files: Map<string, string | Uint8Array>) => parse(String(files.get("infra/cloudformation.yaml"))) as Template;
const ofType = (t: Template, type: string) => Object.entries(t.Resources).filter(([, r]) => r.Type === type);
const errors = (r: Awaited<ReturnType<typeof verifyProject>>) => r.checks.filter((c) => c.severity === "error");
const fieldOf = (fn: () => unknown): { field?: string; message: string } => {
  try {
    fn();
  } catch (e) {
    return { field: (e as { details?: { field?: string } }).details?.field, message: (e as Error).message };
  }
  assert.fail("expected a refusal");
};

describe("own APIs through an AgentCore Gateway", () => {
  let petstore: ApiTool;
  test("setup: the petstore's two GET operations, exposed through the gateway", async () => {
    petstore = await apiToolFromDocument(PETSTORE, { name: "petstore", select: ["GET /pets/{petId}", "GET /pets"], exposure: "gateway" });
  });

  test("CloudFormation: gateway, API key provider over the agent's secret, OpenAPI target; the project verifies", async () => {
    const p = generateProject(baseSpec({ language: "typescript", apiTools: [petstore] }), fixtureRegistry);
    const t = cfnOf(p.files);
    const [[gatewayId, gateway]] = ofType(t, "AWS::BedrockAgentCore::Gateway") as [[string, Resource]];
    assert.deepEqual([gateway.Properties.AuthorizerType, gateway.Properties.ProtocolType, gateway.Properties.Name], ["AWS_IAM", "MCP", "support-agent-tools"]);
    const [[providerId, provider]] = ofType(t, "AWS::BedrockAgentCore::ApiKeyCredentialProvider") as [[string, Resource]];
    assert.deepEqual(provider.Properties.ApiKeySecretConfig, { SecretId: { Ref: "AgentSecret" }, JsonKey: "PETSTORE_API_KEY" });
    assert.equal(provider.Properties.ApiKeySecretSource, "EXTERNAL");
    const [[, target]] = ofType(t, "AWS::BedrockAgentCore::GatewayTarget") as [[string, Resource]];
    assert.deepEqual(target.Properties.GatewayIdentifier, { "Fn::GetAtt": [gatewayId, "GatewayIdentifier"] });
    const openapi = JSON.parse(target.Properties.TargetConfiguration.Mcp.OpenApiSchema.InlinePayload);
    assert.deepEqual(openapi.servers, [{ url: "https://petstore.example.com/v1" }]);
    assert.deepEqual([openapi.paths["/pets/{petId}"].get.operationId, openapi.paths["/pets"].get.operationId], ["show_pet_by_id", "list_pets"]);
    assert.equal(openapi.paths["/pets"].post, undefined, "only the selected operations");
    const credential = target.Properties.CredentialProviderConfigurations[0];
    assert.equal(credential.CredentialProviderType, "API_KEY");
    assert.deepEqual(credential.CredentialProvider.ApiKeyCredentialProvider, { ProviderArn: { "Fn::GetAtt": [providerId, "CredentialProviderArn"] }, CredentialLocation: "HEADER", CredentialParameterName: "X-API-Key" });
    const result = await verifyProject(p.files, { requiredIam: p.requiredIam });
    assert.deepEqual(errors(result), []);
    assert.equal(result.ran.find((r) => r.check === "cloudformation")?.status, "passed", "the resource-spec check knows the three types");
    assert.equal(result.ran.find((r) => r.check === "typescript-types")?.status, "passed");
  });

  test("IAM: the gateway role has the sourced actions on this provider and secret only; the agent may invoke this gateway only", () => {
    const t = cfnOf(generateProject(baseSpec({ language: "typescript", apiTools: [petstore] }), fixtureRegistry).files);
    const [[roleId, role]] = ofType(t, "AWS::IAM::Role").filter(([, r]) => r.Properties.AssumeRolePolicyDocument.Statement[0].Condition?.ArnLike) as [[string, Resource]];
    const trust = role.Properties.AssumeRolePolicyDocument.Statement[0];
    assert.equal(trust.Principal.Service, "bedrock-agentcore.amazonaws.com");
    assert.match(trust.Condition.ArnLike["aws:SourceArn"]["Fn::Sub"], /:gateway\/support-agent-tools\*$/);
    const statements = role.Properties.Policies[0].PolicyDocument.Statement;
    assert.deepEqual(statements.map((s: { Action: string[]; Resource: unknown[] }) => [s.Action, s.Resource]), [
      [permissions.gatewayRole.apiKeyProvider.actions, [{ "Fn::GetAtt": ["ToolsGatewayApiKey0", "CredentialProviderArn"] }]],
      [permissions.gatewayRole.apiKeySecret.actions, [{ Ref: "AgentSecret" }]],
    ]);
    assert.deepEqual(t.Resources.ToolsGateway!.Properties.RoleArn, { "Fn::GetAtt": [roleId, "Arn"] });
    const agent = t.Resources.AgentRole!.Properties.Policies[0].PolicyDocument.Statement as Array<{ Action: string[]; Resource: unknown[] }>;
    const invoke = agent.filter((s) => s.Action.some((a) => a.startsWith("bedrock-agentcore:")));
    assert.deepEqual(invoke.map((s) => [s.Action, s.Resource]), [[["bedrock-agentcore:InvokeGateway"], [{ "Fn::GetAtt": ["ToolsGateway", "GatewayArn"] }]]]);
    assert.deepEqual(t.Resources.AgentRuntime!.Properties.EnvironmentVariables.AGENT_GATEWAY_URL, { "Fn::GetAtt": ["ToolsGateway", "GatewayUrl"] });
    assert.ok("ToolsGatewayUrl" in t.Outputs);
  });

  test("bearer auth: the gateway sends the key as Authorization: Bearer", async () => {
    const bearer = { ...petstore, auth: { kind: "bearer" as const, secretName: "PETSTORE_TOKEN" } };
    const t = cfnOf(generateProject(baseSpec({ apiTools: [bearer] }), fixtureRegistry).files);
    const [[, target]] = ofType(t, "AWS::BedrockAgentCore::GatewayTarget") as [[string, Resource]];
    const location = target.Properties.CredentialProviderConfigurations[0].CredentialProvider.ApiKeyCredentialProvider;
    assert.deepEqual([location.CredentialParameterName, location.CredentialPrefix], ["Authorization", "Bearer "]);
  });

  test("TypeScript: a SigV4-signing MCP client for the gateway, its packages pinned; no in-process API tools", () => {
    const p = generateProject(baseSpec({ language: "typescript", apiTools: [petstore] }), fixtureRegistry);
    const client = String(p.files.get("src/gateway-client.ts"));
    assert.match(client, /new SignatureV4\(\{ service: SIGNING_SERVICE, region, credentials: defaultProvider\(\), sha256: Sha256 \}\)/);
    assert.match(client, /const SIGNING_SERVICE = "bedrock-agentcore";/);
    assert.match(client, /new StreamableHTTPClientTransport\(new URL\(url\), \{ fetch: signedFetch\(region\) \}\)/);
    assert.match(String(p.files.get("src/tools.ts")), /const gateway = enabled\("agentcore_gateway"\) \? gatewayClient\(\) : null;/);
    assert.ok(!p.files.has("src/api-tools.ts") && !p.files.has("src/api-client.ts"));
    const deps = JSON.parse(String(p.files.get("package.json"))).dependencies as Record<string, string>;
    assert.deepEqual([deps["@modelcontextprotocol/sdk"], deps["@smithy/signature-v4"], deps["@aws-sdk/credential-provider-node"]], ["1.32.2", "5.7.5", "3.972.97"]);
  });

  test("Python: the gateway through mcp-proxy-for-aws's signing client (structural: parsed with ast, not run)", async () => {
    const p = generateProject(baseSpec({ language: "python", apiTools: [petstore] }), fixtureRegistry);
    const source = String(p.files.get("app/gateway_client.py"));
    const shape = JSON.parse(
      execFileSync("python3", ["-c", "import ast,json,sys\nt=ast.parse(sys.stdin.read())\nprint(json.dumps({'imports':sorted(f'{n.module}.{a.name}' for n in ast.walk(t) if isinstance(n,ast.ImportFrom) for a in n.names),'calls':sorted({ast.unparse(c) for c in ast.walk(t) if isinstance(c,ast.Call) and ast.unparse(c.func)=='aws_iam_streamablehttp_client'})}))"], { input: source, encoding: "utf8" }),
    ) as { imports: string[]; calls: string[] };
    assert.ok(shape.imports.includes("mcp_proxy_for_aws.client.aws_iam_streamablehttp_client") && shape.imports.includes("strands.tools.mcp.MCPClient"), shape.imports.join(", "));
    assert.deepEqual(shape.calls, ["aws_iam_streamablehttp_client(endpoint=url, aws_region=region, aws_service=SIGNING_SERVICE)"]);
    assert.match(source, /^SIGNING_SERVICE = "bedrock-agentcore"$/m);
    assert.match(String(p.files.get("app/tools.py")), /tools\.extend\(build_gateway_tools\(\)\)/);
    assert.match(String(p.files.get("requirements.txt")), /^mcp-proxy-for-aws==1\.7\.0$/m);
    const result = await verifyProject(p.files, { python: "required", requiredIam: p.requiredIam });
    assert.deepEqual(errors(result), []);
    assert.equal(result.ran.find((r) => r.check === "python-syntax")?.status, "passed");
  });

  test("refused, naming the field: other targets, Terraform, auth none, no Secrets Manager, names the gateway cannot carry", () => {
    const gen = (over: Record<string, unknown>, api: ApiTool = petstore) => () => generateProject(baseSpec({ apiTools: [api], ...over }), fixtureRegistry);
    assert.equal(fieldOf(gen({ deployment: { target: "lambda" } })).field, "apiTools.0.exposure");
    assert.equal(fieldOf(gen({ deployment: { target: "ecs-fargate" } })).field, "apiTools.0.exposure");
    assert.match(fieldOf(gen({ deployment: { target: "agentcore", iac: "terraform" } })).message, /^apiTools\.0\.exposure: "gateway" is generated for CloudFormation only/);
    assert.deepEqual(fieldOf(gen({}, { ...petstore, auth: { kind: "none" } })).field, "apiTools.0.auth");
    assert.equal(fieldOf(gen({ security: { secretsSource: "env" } })).field, "security.secretsSource");
    const long = { ...petstore, name: "a".repeat(30), operations: [{ ...petstore.operations[0]!, name: "b".repeat(33) }] };
    const refused = fieldOf(gen({}, long));
    assert.equal(refused.field, "apiTools.0.operations.0.name");
    assert.match(refused.message, /\(66 characters\), longer than the 64 a Bedrock tool name may have/);
    const twins = [petstore, { ...petstore, name: "petstore_", operations: [{ ...petstore.operations[0]!, name: "other_op" }] }];
    assert.equal(fieldOf(() => generateProject(baseSpec({ apiTools: twins }), fixtureRegistry)).field, "apiTools.1.name");
  });

  test("an API through the gateway and another in process: both, each once", async () => {
    const inProcess = await apiToolFromDocument(PETSTORE, { name: "shop", select: ["POST /pets"] });
    const p = generateProject(baseSpec({ language: "typescript", apiTools: [petstore, inProcess] }), fixtureRegistry);
    assert.match(String(p.files.get("src/api-tools.ts")), /name: "create_pet"/);
    assert.ok(!String(p.files.get("src/api-tools.ts")).includes("show_pet_by_id"));
    assert.equal(ofType(cfnOf(p.files), "AWS::BedrockAgentCore::GatewayTarget").length, 1);
  });
});

test("the injection corpus through the gateway: the stack parses and the OpenAPI document reads back identical", async () => {
  const { injectionCorpus } = await import("../generation/injection-corpus");
  const { clipText } = await import("../../../server/openapi/clip");
  const clip = (s: string, n: number) => clipText(s, n) || "x";
  const ops = injectionCorpus().map((s, i) => ({
    name: `op_${i}`,
    method: "GET" as const,
    path: "/items",
    description: clip(s, 1_000),
    params: [{ name: clip(s, 100), in: "query" as const, required: false, description: clip(s, 1_000), schema: { type: "string" as const, enum: [clip(s, 200)] } }],
  }));
  // One operation per path and method in a document: one API per operation, ten APIs a spec.
  const auth = { kind: "api-key-header" as const, headerName: "X-API-Key", secretName: "API_KEY" };
  for (let start = 0; start < ops.length; start += 10) {
    const apis: ApiTool[] = ops.slice(start, start + 10).map((op, j) => ({ name: `api_${j}`, title: "", baseUrl: "https://api.example.com", allowedHosts: ["api.example.com"], auth, timeoutSeconds: 20, exposure: "gateway", operations: [op] }));
    const t = cfnOf(generateProject(baseSpec({ apiTools: apis }), fixtureRegistry).files);
    const targets = ofType(t, "AWS::BedrockAgentCore::GatewayTarget");
    targets.forEach(([, target], j) => {
      const doc = JSON.parse(target.Properties.TargetConfiguration.Mcp.OpenApiSchema.InlinePayload);
      const op = apis[j]!.operations[0]!;
      assert.deepEqual([doc.paths["/items"].get.description, doc.paths["/items"].get.parameters[0].name, doc.paths["/items"].get.parameters[0].schema.enum], [op.description, op.params[0]!.name, op.params[0]!.schema.enum]);
    });
    assert.equal(targets.length, apis.length);
  }
});
