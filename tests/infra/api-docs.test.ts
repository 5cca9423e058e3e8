/**
 * docs/api.md is generated from the router: it must be current (regenerated in memory and
 * compared), cover every procedure with the right auth, and the pieces that read the router
 * (runtime walk, zod → field list, source walk, error tracing) must each be right.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { initTRPC } from "@trpc/server";
import { z } from "zod";
import { API_DOCS_PATH, buildApiDocs, REPO_ROOT } from "../../scripts/build-api-docs";
import { errorLines } from "../../scripts/api-docs/errors";
import { anchor } from "../../scripts/api-docs/markdown";
import { listProcedures } from "../../scripts/api-docs/procedures";
import { indexRouterSources } from "../../scripts/api-docs/router-source";
import { inputFields } from "../../scripts/api-docs/schema-fields";
import { readmeClientExample } from "../../scripts/api-docs/client-example";
import { appRouter } from "../../server/api/root";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../../server/api/trpc";
import { ClientMessage } from "../../server/realtime/protocol";

let built: string | undefined;
const doc = () => (built ??= buildApiDocs());
const builders = { protected: protectedProcedure, public: publicProcedure };
const section = (path: string) => {
  const text = doc();
  const start = text.indexOf(`### \`${path}\``);
  assert.ok(start >= 0, `${path} has no section`);
  const end = text.indexOf("\n### ", start + 1);
  return text.slice(start, end < 0 ? undefined : end);
};

describe("docs/api.md", () => {
  test("is up to date with the router (regenerate: npx tsx scripts/build-api-docs.ts)", () => {
    const current = readFileSync(API_DOCS_PATH, "utf8").split("\n");
    const fresh = doc().split("\n");
    const line = fresh.findIndex((l, i) => l !== current[i]);
    assert.ok(line < 0 && current.length === fresh.length, `docs/api.md is stale from line ${line + 1}: expected ${JSON.stringify(fresh[line])}, found ${JSON.stringify(current[line])}`);
  });

  test("documents every procedure, with the auth its builder gives it", () => {
    const procedures = listProcedures(appRouter, builders);
    assert.ok(procedures.length >= 30);
    for (const p of procedures) assert.match(section(p.path), p.auth === "public" ? /\| auth \| public \|/ : /\| auth \| session or API token \|/, p.path);
    assert.equal(procedures.find((p) => p.path === "health.check")?.auth, "public");
    assert.equal(procedures.find((p) => p.path === "project.create")?.auth, "protected");
  });

  test("every contents link points at a heading of the document", () => {
    const anchors = new Set([...doc().matchAll(/^#+ (.+)$/gm)].map((m) => anchor(m[1]!)));
    const links = [...doc().matchAll(/\]\(#([\w-]+)\)/g)].map((m) => m[1]!);
    assert.ok(links.length > 40);
    for (const link of links) assert.ok(anchors.has(link), `#${link} has no heading`);
  });

  test("procedure sections carry kind, input constraints, returns and traced errors", () => {
    const signUp = section("auth.signUp");
    assert.match(signUp, /\| type \| mutation \|/);
    assert.match(signUp, /\| `password` \| string \| yes \| length 8–200 \|/);
    assert.match(signUp, /`CONFLICT` \(409\) — messages: `An account with this email already exists\. Sign in instead\.`/);
    assert.doesNotMatch(signUp, /UNAUTHORIZED/);
    const get = section("project.get");
    assert.match(get, /\| returns \| `Project`, from `getOwnedProject` in `server\/projects\/service\.ts` \|/);
    assert.match(get, /`NOT_FOUND` \(404\) — the project does not exist or belongs to another user/);
    assert.doesNotMatch(get, /FORBIDDEN/, "queries are not CSRF-guarded");
    assert.match(section("modification.cancel"), /`CONFLICT` \(409\) — messages: `The modification is …; only a queued one can be cancelled`/);
    assert.match(section("registry.models.list"), /\*\*Input \(may be omitted\):\*\*/);
  });

  test("has the README's typed-client example and the realtime protocol", () => {
    assert.ok(doc().includes(readmeClientExample(REPO_ROOT)));
    const realtime = doc().slice(doc().indexOf("## Realtime WebSocket"));
    for (const option of (ClientMessage as unknown as { options: { shape: { type: { value: string } } }[] }).options) {
      assert.ok(realtime.includes(`#### \`${option.shape.type.value}\``), option.shape.type.value);
    }
    for (const server of ['type: "event"', 'type: "subscribed"', 'type: "error"', 'type: "pong"']) assert.ok(realtime.includes(server), server);
    assert.match(realtime, /replays at most 500 events/);
    assert.match(realtime, /`modification\.updated` — from `server\/modifications\/workers\/transitions\.ts`|`modification\.updated` — from `server\/modifications\/workers\/lifecycle\.ts`/);
  });
});

describe("reading the router at run time", () => {
  test("tells public from protected procedures by their builder, through nested routers", () => {
    const router = createTRPCRouter({
      open: publicProcedure.query(() => 1),
      closed: protectedProcedure.input(z.object({ id: z.string() })).mutation(() => 2),
      nested: createTRPCRouter({ deep: protectedProcedure.query(() => 3) }),
    });
    assert.deepEqual(
      listProcedures(router, builders).map(({ path, kind, auth, inputs }) => ({ path, kind, auth, inputs: inputs.length })),
      [
        { path: "open", kind: "query", auth: "public", inputs: 0 },
        { path: "closed", kind: "mutation", auth: "protected", inputs: 1 },
        { path: "nested.deep", kind: "query", auth: "protected", inputs: 0 },
      ],
    );
  });

  test("refuses a procedure from another builder rather than guessing its auth", () => {
    const other = initTRPC.create();
    const router = other.router({ stray: other.procedure.query(() => 1) });
    assert.throws(() => listProcedures(router, builders), /stray: built from neither/);
  });
});

describe("zod input → field list", () => {
  test("nested objects, arrays of objects, defaults, enums, patterns, any and unrepresentable", () => {
    const schema = z.object({
      id: z.string().regex(/^prj_[0-9a-z]{26}$/),
      count: z.number().int().min(1).max(10).default(3),
      kind: z.enum(["a", "b"]).optional(),
      usage: z.object({ perDay: z.number().min(0) }).optional(),
      tools: z.array(z.object({ id: z.string().max(5) })).max(2),
      spec: z.unknown(),
      when: z.date(),
    });
    assert.deepEqual(inputFields(schema), [
      { name: "id", type: "string", required: true, constraints: ["pattern `^prj_[0-9a-z]{26}$`"] },
      { name: "count", type: "integer", required: false, constraints: ["1–10", "default `3`"] },
      { name: "kind", type: "string", required: false, constraints: ['one of `"a"`, `"b"`'] },
      { name: "usage", type: "object", required: false, constraints: [] },
      { name: "usage.perDay", type: "number", required: true, constraints: ["≥ 0"] },
      { name: "tools", type: "object[]", required: true, constraints: ["≤ 2 items"] },
      { name: "tools[].id", type: "string", required: true, constraints: ["length ≤ 5"] },
      { name: "spec", type: "any", required: true, constraints: [] },
      { name: "when", type: "—", required: true, constraints: [] },
    ]);
  });
});

describe("reading the router sources", () => {
  function fixture(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), "api-docs-"));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }

  test("JSDoc, return types, inline and imported routers, and errors through imports", () => {
    const root = fixture({
      "server/api/root.ts": 'import { itemRouter } from "./routers/item";\nexport const appRouter = createTRPCRouter({ item: itemRouter, misc: createTRPCRouter({ ping: publicProcedure.query(() => ({ pong: true })) }) });\n',
      "server/api/routers/item.ts": [
        'import { getItem, saveItem } from "../../items";',
        "/** Items of a project. */",
        "export const itemRouter = createTRPCRouter({",
        "  /** Reads one item. */",
        "  get: protectedProcedure.input(X).query(({ input }) => getItem(input.id)),",
        "  save: protectedProcedure.mutation(async () => { await saveItem().catch(() => null); return { id: 1, ok: true }; }),",
        "});",
      ].join("\n"),
      "server/items.ts": [
        'export { getItem } from "./items/get";',
        'export async function saveItem(): Promise<void> { throw new DomainError("conflict", "never reaches the caller"); }',
      ].join("\n"),
      "server/items/get.ts": [
        "export async function getItem(id: string): Promise<Item> { check(id); return load(id); }",
        'function check(id: string) { if (!id) throw new DomainError("invalid", `bad id ${id}!`); }',
        'const load = (id: string) => { throw notFound("Item", id); };',
      ].join("\n"),
    });
    try {
      const index = indexRouterSources(join(root, "server/api/root.ts"), "appRouter", root);
      assert.deepEqual([...index.procedures.keys()], ["item.get", "item.save", "misc.ping"]);
      assert.deepEqual(index.routers.get("item"), { file: "server/api/routers/item.ts", doc: "Items of a project." });
      assert.deepEqual(index.procedures.get("item.get"), {
        file: "server/api/routers/item.ts",
        doc: "Reads one item.",
        returns: { text: "Item", fn: "getItem", file: "server/items/get.ts" },
        errors: [
          { code: "invalid", message: "bad id …!" },
          { code: "not_found", message: "Item '…' was not found" },
        ],
      });
      const save = index.procedures.get("item.save")!;
      assert.equal(save.returns.text, "{ id, ok }");
      assert.deepEqual(save.errors, [], "a call whose rejection is caught on the spot cannot reach the caller");
      assert.equal(index.procedures.get("misc.ping")?.returns.text, "{ pong }");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("error lists", () => {
  const codeTable = { not_found: "NOT_FOUND", conflict: "CONFLICT", invalid: "BAD_REQUEST" };
  const p = { path: "x.update", kind: "mutation" as const, auth: "protected" as const, inputs: [z.object({})] };
  const fields = [{ name: "projectId", type: "string", required: true, constraints: ["pattern `^prj_[0-9a-z]{26}$`"] }];

  test("input, auth, CSRF and ownership first, then traced errors by code", () => {
    const lines = errorLines(p, fields, [{ code: "conflict", message: "changed" }, { code: "not_found", message: "Thing '…' was not found" }], codeTable);
    assert.deepEqual(lines.map((l) => /`(\w+)`/.exec(l)![1]), ["BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "TOO_MANY_REQUESTS"]);
    assert.match(lines[3]!, /belongs to another user .*; messages: `Thing '…' was not found`$/);
  });

  test("a public query without input has none of the generic errors, only its rate limit", () => {
    assert.deepEqual(errorLines({ ...p, kind: "query", auth: "public", inputs: [] }, [], [], codeTable).map((l) => /`(\w+)`/.exec(l)![1]), ["TOO_MANY_REQUESTS"]);
  });

  test("a domain code with no tRPC mapping fails loudly", () => {
    assert.throws(() => errorLines(p, fields, [{ code: "teapot", message: null }], codeTable), /x\.update: DomainError code 'teapot'/);
  });
});
