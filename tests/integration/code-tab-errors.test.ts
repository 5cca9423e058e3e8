import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { specIssuesOf } from "../../components/code/spec-issues";
import { appRouter, type AppRouter } from "../../server/api/root";
import { createContextInner } from "../../server/api/trpc";
import type { LocalPlatform } from "../../server/platform/local";
import { setDraft, SPEC } from "../helpers/pipeline";
import { createUser, startTestPlatform } from "../helpers/platform";

let platform: LocalPlatform;
before(async () => {
  platform = await startTestPlatform();
});
after(() => platform.close());

/** The browser's client, over the real HTTP handler and error formatter (no network). */
function browserClient(userId: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: "http://localhost/api/trpc",
        transformer: superjson,
        fetch: (url, init) => fetchRequestHandler({ endpoint: "/api/trpc", req: new Request(url, init as RequestInit), router: appRouter, createContext: () => createContextInner(platform, userId) }),
      }),
    ],
  });
}

describe("Code tab: what generate's refusal looks like in the browser", () => {
  test("an incomplete draft is a BAD_REQUEST whose details list the missing fields, and nothing is queued", async () => {
    const { user, caller } = await createUser(platform);
    const project = await caller.project.create({ name: "Incomplete" });
    const { description: _d, systemPrompt: _s, ...partial } = SPEC;
    await setDraft(platform, project.id, user.id, { ...partial });

    const error = await browserClient(user.id).generation.generate.mutate({ projectId: project.id }).catch((e: unknown) => e);
    assert.ok(error instanceof TRPCClientError, String(error));
    assert.equal((error as TRPCClientError<AppRouter>).data?.code, "BAD_REQUEST");
    const issues = specIssuesOf(error);
    assert.deepEqual(issues?.map((i) => [i.path, i.kind]).sort(), [["description", "missing"], ["systemPrompt", "missing"]]);
    assert.deepEqual(await caller.modification.list({ projectId: project.id }), []);
  });

  test("an invalid field is reported as invalid, with its message", async () => {
    const { user, caller } = await createUser(platform);
    const project = await caller.project.create({ name: "Bad name" });
    await setDraft(platform, project.id, user.id, { ...SPEC, name: "Bad Name!" });
    const error = await browserClient(user.id).generation.generate.mutate({ projectId: project.id }).catch((e: unknown) => e);
    const issues = specIssuesOf(error);
    assert.equal(issues?.length, 1);
    assert.equal(issues?.[0]?.path, "name");
    assert.equal(issues?.[0]?.kind, "invalid");
    assert.match(issues?.[0]?.message ?? "", /lowercase/);
  });

  test("other errors carry no spec issues", async () => {
    const { user } = await createUser(platform);
    const error = await browserClient(user.id).generation.generate.mutate({ projectId: "prj_00000000000000000000000000" }).catch((e: unknown) => e);
    assert.equal((error as TRPCClientError<AppRouter>).data?.code, "NOT_FOUND");
    assert.equal(specIssuesOf(error), null);
    assert.equal(specIssuesOf(new Error("boom")), null);
    assert.equal(specIssuesOf({ data: { details: { issues: [{ path: 1 }] } } }), null);
  });
});
