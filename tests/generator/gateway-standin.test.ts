import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { generateProject } from "../../server/generation/generate-project";
import { REHEARSAL_CREDENTIAL, startApiStandIn } from "../../server/generation/rehearse/api-tool-check";
import { startGatewayStandIn } from "../../server/generation/rehearse/gateway-standin";
import { gatewayTools } from "../../server/generation/rehearse/gateway-targets";
import { signRequest, verifySigV4, type SigV4Scope } from "../../server/generation/rehearse/sigv4-verify";
import { apiToolFromDocument } from "../../server/openapi/import";
import { baseSpec, fixtureRegistry } from "../unit/generation/fixtures";
import { freePort } from "../../server/generation/rehearse/boot";
import { PETSTORE } from "../helpers/petstore";

/**
 * The signer/verifier pairing behind the stand-in AgentCore Gateway, and the stand-in itself
 * driven by the MCP SDK's own client: signed requests pass, anything else is refused with 403;
 * the tools are the stack's OpenAPI target's operations, named `<target>___<operationId>`.
 */

const SCOPE: SigV4Scope = { credentials: { accessKeyId: "AKIDREHEARSAL", secretAccessKey: "secret-of-the-rehearsal" }, region: "us-east-1", service: "bedrock-agentcore" };
const URL_ = new URL("http://127.0.0.1:4321/mcp?x=1");
const BODY = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" });

/** A request as the verifier receives it: lower-case header names, the path with its query. */
async function signed(over: Partial<SigV4Scope> = {}) {
  const headers = await signRequest({ method: "POST", url: URL_, headers: { "content-type": "application/json" }, body: BODY }, { ...SCOPE, ...over });
  return { method: "POST", url: `${URL_.pathname}${URL_.search}`, headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])), body: BODY };
}

describe("SigV4: what the agent signs, the stand-in gateway verifies", () => {
  test("a request signed for bedrock-agentcore with the credentials passes", async () => {
    assert.deepEqual(await verifySigV4(await signed(), SCOPE), { ok: true });
  });

  test("changed body, path, query or signed header, a wrong secret, a foreign key, service or region: refused with the reason", async () => {
    const cases: Array<[string, Promise<Parameters<typeof verifySigV4>[0]>, RegExp]> = [
      ["body", signed().then((r) => ({ ...r, body: BODY.replace("tools/list", "tools/call") })), /not the hash of the body/],
      ["body, hash header dropped", signed().then((r) => ({ ...r, headers: Object.fromEntries(Object.entries(r.headers).filter(([h]) => h !== "x-amz-content-sha256")), body: BODY.replace("tools/list", "tools/call") })), /does not match/],
      ["path", signed().then((r) => ({ ...r, url: "/other?x=1" })), /does not match/],
      ["query", signed().then((r) => ({ ...r, url: "/mcp?x=2" })), /does not match/],
      ["header", signed().then((r) => ({ ...r, headers: { ...r.headers, "content-type": "text/plain" } })), /does not match/],
      ["secret", signed({ credentials: { ...SCOPE.credentials, secretAccessKey: "guessed" } }), /does not match/],
      ["key", signed({ credentials: { accessKeyId: "AKIDOTHER", secretAccessKey: SCOPE.credentials.secretAccessKey } }), /unknown access key AKIDOTHER/],
      ["service", signed({ service: "lambda" }), /signed for lambda in us-east-1/],
      ["region", signed({ region: "eu-west-1" }), /signed for bedrock-agentcore in eu-west-1/],
      ["unsigned", Promise.resolve({ method: "POST", url: "/mcp", headers: { host: "127.0.0.1:4321" }, body: BODY }), /not signed with AWS Signature Version 4/],
    ];
    for (const [what, request, reason] of cases) {
      const verdict = await verifySigV4(await request, SCOPE);
      assert.equal(verdict.ok, false, what);
      assert.match((verdict as { reason: string }).reason, reason, what);
    }
  });
});

describe("the stand-in AgentCore Gateway", () => {
  test("lists the target's operations, calls the API with the key from the secret, refuses an unsigned client", async () => {
    const port = await freePort();
    const api = await apiToolFromDocument(PETSTORE, { name: "petstore", select: ["GET /pets/{petId}"], baseUrl: `http://127.0.0.1:${port}/v1`, exposure: "gateway" });
    const files = generateProject(baseSpec({ language: "typescript", apiTools: [api] }), fixtureRegistry).files;
    const tools = gatewayTools(String(files.get("infra/cloudformation.yaml")));
    assert.deepEqual(tools.map((t) => t.name), ["petstore___show_pet_by_id"]);
    const gateway = await startGatewayStandIn({ tools, scope: { credentials: SCOPE.credentials, region: SCOPE.region }, secret: (key) => (key === "PETSTORE_API_KEY" ? REHEARSAL_CREDENTIAL : undefined) });
    const backend = await startApiStandIn(port);
    const signingFetch = async (input: string | URL | Request, init: RequestInit = {}) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((v, k) => (headers[k] = v));
      const body = typeof init.body === "string" ? init.body : undefined;
      const all = await signRequest({ method: init.method ?? "GET", url, headers, ...(body === undefined ? {} : { body }) }, SCOPE);
      return fetch(url, { ...init, headers: Object.fromEntries(Object.entries(all).filter(([k]) => k !== "host")) });
    };
    const client = new Client({ name: "test", version: "1.0.0" });
    const unsignedClient = new Client({ name: "test", version: "1.0.0" });
    try {
      await client.connect(new StreamableHTTPClientTransport(new URL(gateway.endpoint), { fetch: signingFetch }));
      const listed = await client.listTools();
      assert.deepEqual(listed.tools.map((t) => [t.name, t.inputSchema.required]), [["petstore___show_pet_by_id", ["petId"]]]);
      const result = (await client.callTool({ name: "petstore___show_pet_by_id", arguments: { petId: "p-7" } })) as { isError?: boolean; content: Array<{ text: string }> };
      assert.equal(result.isError, false);
      assert.match(result.content[0]!.text, /"name":"Rex"/);
      assert.deepEqual(backend.seen.map((s) => [s.method, s.path, s.headers["x-api-key"]]), [["GET", "/v1/pets/p-7", REHEARSAL_CREDENTIAL]]);
      assert.deepEqual(gateway.refused, []);
      await assert.rejects(unsignedClient.connect(new StreamableHTTPClientTransport(new URL(gateway.endpoint))), /403|not signed/);
      assert.equal(gateway.refused.length, 1);
      assert.match(gateway.refused[0]!, /not signed/);
    } finally {
      await client.close();
      await unsignedClient.close();
      await new Promise((resolve) => backend.server.close(resolve));
      await gateway.close();
    }
  });
});

test("a gateway target the stand-in cannot read is refused naming the resource and field", () => {
  const template = (payload: string) => `Resources:\n  Key:\n    Type: AWS::BedrockAgentCore::ApiKeyCredentialProvider\n    Properties:\n      ApiKeySecretConfig: { JsonKey: K }\n  Target:\n    Type: AWS::BedrockAgentCore::GatewayTarget\n    Properties:\n      Name: api\n      TargetConfiguration: { Mcp: { OpenApiSchema: { InlinePayload: ${JSON.stringify(payload)} } } }\n      CredentialProviderConfigurations: [{ CredentialProviderType: API_KEY, CredentialProvider: { ApiKeyCredentialProvider: { ProviderArn: { "Fn::GetAtt": [Key, CredentialProviderArn] } } } }]\n`;
  assert.equal(gatewayTools(template(JSON.stringify({ servers: [{ url: "http://127.0.0.1:1/v1" }], paths: { "/a": { get: { operationId: "op" } } } })))[0]!.name, "api___op");
  assert.throws(() => gatewayTools(template(JSON.stringify({ servers: [], paths: {} }))), /^Error: Target: InlinePayload servers /);
  assert.deepEqual(gatewayTools("Resources: {}"), []);
});

