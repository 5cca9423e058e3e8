import { expect, test } from "@playwright/test";
import { createProject, newEmail, PASSWORD, signIn, signUp } from "./helpers";

test("sign up, create a project, see it after reload, rename, delete, sign out and in", async ({ page }) => {
  const email = newEmail("owner");
  await signUp(page, email);
  await expect(page.getByTestId("user-email")).toHaveText(email);
  await expect(page.getByText("No projects yet")).toBeVisible();

  await createProject(page, "Support agent");
  await page.goto("/dashboard");
  await page.reload();
  await expect(page.getByRole("link", { name: "Support agent" })).toBeVisible();

  const row = page.getByTestId("project-row").filter({ hasText: "Support agent" });
  await row.getByRole("button", { name: "Rename" }).click();
  await page.getByLabel("Project name").fill("Helpdesk agent");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("link", { name: "Helpdesk agent" })).toBeVisible();

  // In-app links navigate in the page (AppLink → the App Router): a full load would drop this marker.
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  await page.getByRole("link", { name: "Helpdesk agent" }).click();
  await expect(page.getByTestId("project-title")).toHaveText("Helpdesk agent");
  for (const tab of ["Consultation", "Models", "Tools", "Code", "Cost", "Testing", "Deploy"]) {
    await expect(page.getByRole("tab", { name: tab })).toBeVisible();
  }
  await page.getByRole("link", { name: "← Projects" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Projects" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

  page.once("dialog", (d) => d.accept());
  await page.getByTestId("project-row").filter({ hasText: "Helpdesk agent" }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("No projects yet")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in$/);
  await signIn(page, email);
});

test("a wrong password gets one generic error; a duplicate email a clear one", async ({ page }) => {
  const email = newEmail("dup");
  await signUp(page, email);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();

  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(/already exists/)).toBeVisible();
});

test("a second user can neither see nor open the first user's project", async ({ browser }) => {
  const alice = await browser.newPage();
  await signUp(alice, newEmail("alice"));
  const projectId = await createProject(alice, "Alice private agent");

  const bobContext = await browser.newContext();
  const bob = await bobContext.newPage();
  await signUp(bob, newEmail("bob"));
  await expect(bob.getByText("Alice private agent")).toHaveCount(0);
  await bob.goto(`/projects/${projectId}`);
  await expect(bob.getByRole("heading", { name: "Project not found" })).toBeVisible();

  // The API answers the same NOT_FOUND with bob's session cookie.
  const res = await bob.request.get(`/api/trpc/project.get?input=${encodeURIComponent(JSON.stringify({ json: { id: projectId } }))}`);
  expect(res.status()).toBe(404);
  await bobContext.close();
});
