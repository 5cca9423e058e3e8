import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import { DomainError } from "../../../server/errors";
import { MAX_DOCUMENT_OPERATIONS } from "../../../server/openapi/document";
import { apiToolFromEndpoint } from "../../../server/openapi/endpoint";
import { apiToolFromDocument, previewApiDocument } from "../../../server/openapi/import";
import { ApiToolsSection } from "../../../server/spec/api-tools";
import { manyOperationsDoc } from "./hostile-doc";
import { PETSTORE } from "../../helpers/petstore";


async function rejects(promise: Promise<unknown> | (() => unknown), code: string, pattern: RegExp) {
  await assert.rejects(async () => (typeof promise === "function" ? promise() : promise), (e: unknown) => {
    assert.ok(e instanceof DomainError, String(e));
    assert.equal(e.code, code, e.message);
    assert.match(e.message, pattern);
    return true;
  });
}

describe("OpenAPI import", () => {
  test("previews the petstore: usable operations, skipped ones with the reason, the server URL", async () => {
    const p = await previewApiDocument(PETSTORE);
    assert.equal(p.title, "Petstore");
    assert.equal(p.baseUrl, "https://petstore.example.com/v1");
    assert.deepEqual(p.operations.map((o) => o.key), ["GET /pets", "POST /pets", "GET /pets/{petId}", "DELETE /pets/{petId}"]);
    assert.deepEqual(p.operations.map((o) => o.name), ["list_pets", "create_pet", "show_pet_by_id", "delete_pet"]);
    assert.deepEqual(p.skipped.map((s) => s.key).sort(), ["HEAD /pets/{petId}/photo", "PUT /pets/{petId}/photo"]);
    assert.match(p.skipped.find((s) => s.key.startsWith("PUT"))!.reason, /image\/png, not JSON/);
  });

  test("the selected operations become a normalized ApiTool: refs resolved, auth from the scheme", async () => {
    const tool = await apiToolFromDocument(PETSTORE, { name: "petstore", select: ["GET /pets", "POST /pets"] });
    assert.deepEqual(tool.auth, { kind: "api-key-header", headerName: "X-API-Key", secretName: "PETSTORE_API_KEY" });
    assert.deepEqual(tool.allowedHosts, ["petstore.example.com"]);
    assert.equal(tool.operations.length, 2);
    const [list, create] = tool.operations;
    assert.deepEqual(list!.params.find((x) => x.name === "species")!.schema, { type: "string", enum: ["dog", "cat", "bird"] });
    assert.deepEqual(create!.body!.schema.required, ["name"]);
    assert.equal(create!.body!.schema.properties!.species!.enum!.length, 3);
    assert.ok(ApiToolsSection.safeParse([tool]).success);
  });

  test("a syntax error names the line", async () => {
    await rejects(previewApiDocument("openapi: 3.0.0\ninfo:\n  title: x\npaths:\n  /a: [1,\n"), "invalid", /line \d+, column \d+/);
    await rejects(previewApiDocument('{"openapi": "3.0.0",\n"info": {"title": "x"}\n"paths": {}}'), "invalid", /line 3, column 1: Missing , between flow map items/);
  });

  test("not OpenAPI 3, remote refs and broken refs are refused with the reason", async () => {
    await rejects(previewApiDocument("swagger: '2.0'\npaths: {}\n"), "invalid", /openapi/);
    const remote = { openapi: "3.0.0", info: { title: "r" }, paths: { "/a": { get: { parameters: [{ $ref: "https://evil.example/p.json" }] } } } };
    await rejects(previewApiDocument(JSON.stringify(remote)), "invalid", /inside the document/);
    const broken = { openapi: "3.0.0", info: { title: "b" }, paths: { "/a": { get: { parameters: [{ $ref: "#/components/parameters/Nope" }] } } } };
    await rejects(previewApiDocument(JSON.stringify(broken)), "invalid", /cannot be resolved/);
  });

  test("unsupported auth is refused with the supported list", async () => {
    const oauth = PETSTORE.replace("type: apiKey\n      in: header\n      name: X-API-Key", "type: oauth2\n      flows: {}");
    await rejects(apiToolFromDocument(oauth, { select: ["GET /pets"] }), "invalid", /Unsupported authentication.*oauth2.*Supported: none; bearer/);
    const query = PETSTORE.replace("in: header\n      name: X-API-Key", "in: query\n      name: key");
    await rejects(apiToolFromDocument(query, { select: ["GET /pets"] }), "invalid", /API key in the query/);
    await rejects(() => apiToolFromEndpoint({ name: "x", method: "GET", url: "https://a.example.com/x", description: "d", auth: { kind: "basic" } }), "invalid", /Supported/);
  });

  test(`a document with more than ${MAX_DOCUMENT_OPERATIONS} operations is refused with the count; a size bomb too`, async () => {
    const compact = { openapi: "3.0.0", info: { title: "n" }, paths: Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`/o${i}`, { get: {} }])) };
    await rejects(previewApiDocument(JSON.stringify(compact)), "too_large", /5000 operations; at most 1000/);
    await rejects(previewApiDocument(manyOperationsDoc(5_000)), "too_large", /characters; at most 1000000/);
    await rejects(previewApiDocument("a".repeat(1_000_001)), "too_large", /characters/);
    const laughs = `a: &a ["x","x","x","x","x","x","x","x","x"]\n${Array.from({ length: 12 }, (_, i) => `b${i}: &b${i} [${Array(9).fill(i === 0 ? "*a" : `*b${i - 1}`).join(",")}]`).join("\n")}\n`;
    await rejects(previewApiDocument(laughs), "invalid", /alias|parse/i);
  });

  test("an unknown or skipped operation key and a missing base URL are named", async () => {
    await rejects(apiToolFromDocument(PETSTORE, { select: ["GET /nope"] }), "invalid", /not in the document/);
    await rejects(apiToolFromDocument(PETSTORE, { select: ["PUT /pets/{petId}/photo"] }), "invalid", /not JSON/);
    const noServer = PETSTORE.replace("servers:\n  - url: https://petstore.example.com/v1\n", "");
    await rejects(apiToolFromDocument(noServer, { select: ["GET /pets"] }), "invalid", /base URL/);
    const tool = await apiToolFromDocument(noServer, { select: ["GET /pets"], baseUrl: "http://127.0.0.1:9999" });
    assert.deepEqual(tool.allowedHosts, ["127.0.0.1"]);
  });

  test("a described endpoint becomes one operation with its path parameter", () => {
    const tool = apiToolFromEndpoint({ name: "orders", method: "GET", url: "https://api.example.com/orders/{id}", description: "Look up order status", auth: { kind: "bearer" } });
    assert.equal(tool.baseUrl, "https://api.example.com");
    assert.deepEqual(tool.operations[0]!.params.map((p) => [p.name, p.in, p.required]), [["id", "path", true]]);
    assert.equal(tool.operations[0]!.name, "get_orders_by_id");
    assert.deepEqual(tool.auth, { kind: "bearer", secretName: "ORDERS_API_TOKEN" });
  });
});
