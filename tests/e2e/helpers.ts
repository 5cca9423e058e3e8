import { expect, type Page } from "@playwright/test";

let n = 0;
export const newEmail = (tag: string) => `${tag}-${Date.now()}-${n++}@e2e.local`;
export const PASSWORD = "correct horse battery";

export async function signUp(page: Page, email: string, password = PASSWORD) {
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** Creates a project from the dashboard; creating it opens it. Returns its id. */
export async function createProject(page: Page, name: string): Promise<string> {
  await page.getByLabel("New project").fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/projects\/prj_[0-9a-z]{26}\?tab=consultation$/);
  await expect(page.getByTestId("project-title")).toHaveText(name);
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** The Consultation tab's message box and spec values. */
export const composer = (page: Page) => page.getByLabel("Message to the PM");
export const specValue = (page: Page, path: string) => page.getByTestId(`spec-value-${path}`);

/** Sends a message to the PM and waits until its reply is stored. */
export async function say(page: Page, text: string) {
  const before = await page.getByTestId("message-assistant").count();
  await composer(page).fill(text);
  await composer(page).press("Enter");
  // The reply is stored once it has streamed in full.
  await expect(page.getByTestId("message-assistant")).toHaveCount(before + 1);
  await expect(composer(page)).toHaveValue("");
}

/** A tRPC call from the signed-in page (its cookie, its origin); the answer's data. */
export async function callTrpc(page: Page, path: string, json: unknown, kind: "query" | "mutation" = "mutation") {
  const origin = new URL(page.url()).origin;
  const res =
    kind === "mutation"
      ? await page.request.post(`/api/trpc/${path}`, { data: { json }, headers: { origin } })
      : await page.request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json }))}`);
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { result: { data: { json: unknown } } }).result.data.json;
}
