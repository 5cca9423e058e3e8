import { expect, test } from "@playwright/test";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../../server/api/root";
import { newEmail, signUp } from "./helpers";

/** The documented typed client (README), run against the running server with an API token. */
function clientFor(baseURL: string, token: string) {
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${baseURL}/api/trpc`, transformer: superjson, headers: { authorization: `Bearer ${token}` } })],
  });
}

test("an API token drives the typed client; a revoked token is UNAUTHORIZED", async ({ page, baseURL }) => {
  await signUp(page, newEmail("api"));
  await page.goto("/settings");
  await page.getByLabel("Token name").fill("CI");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^ab_/);

  const client = clientFor(baseURL!, token);
  const project = await client.project.create.mutate({ name: "From the typed client" });
  expect((await client.project.list.query()).map((p) => p.id)).toContain(project.id);
  await page.goto("/dashboard");
  await expect(page.getByRole("link", { name: "From the typed client" })).toBeVisible();

  await page.goto("/settings");
  await page.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(page.getByText("Revoked")).toBeVisible();
  const error = await client.project.list.query().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCClientError);
  expect((error as TRPCClientError<AppRouter>).data?.code).toBe("UNAUTHORIZED");
});

test("malformed JSON is a 400, never a 500; a bad input names the field", async ({ request }) => {
  const malformed = await request.post("/api/trpc/auth.signUp", { data: "{not json", headers: { "content-type": "application/json" } });
  expect(malformed.status()).toBe(400);
  const bad = await request.post("/api/trpc/auth.signUp", { data: { json: { email: "nope", password: "x" } } });
  expect(bad.status()).toBe(400);
  const body = await bad.json();
  expect(body.error.json.message).toMatch(/email/);
  expect(body.error.json.message).toMatch(/password/);
});
