import { expect, test, type Page } from "@playwright/test";
import { composer, createProject, newEmail, say, signUp, specValue as value } from "./helpers";

const DENTAL = "A scheduling assistant for our dental clinic that books, moves and cancels appointments through our booking system's REST API and sends reminders. It must reply within 2 seconds.";

const field = (page: Page, path: string) => page.getByTestId(`spec-field-${path}`);

test("describe an agent in the chat, watch the spec fill in, edit a field, generate", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, newEmail("consult"));
  const projectId = await createProject(page, "Dental desk");
  await page.goto(`/projects/${projectId}`);
  await expect(page.getByTestId("consultation-tab")).toBeVisible();
  await expect(page.getByTestId("message-limit")).toContainText("/ 8,000 characters");
  await expect(page.getByTestId("completeness")).toHaveText("0%");

  await composer(page).fill(DENTAL);
  await composer(page).press("Enter");
  // The fields the message filled light up, then settle.
  await expect(field(page, "requirements.useCase")).toHaveAttribute("data-lit", "true");
  await expect(value(page, "requirements.useCase")).toHaveText("Scheduling assistant");
  await expect(page.getByTestId("message-assistant")).toHaveCount(1);
  await expect(page.getByTestId("message-assistant").last()).toContainText("how many requests a day");
  await expect(field(page, "requirements.requestsPerDay")).toHaveAttribute("data-state", "missing");
  await expect(page.getByTestId("missing-fields")).toContainText("Traffic");
  await expect(page.getByTestId("phase-bar")).toHaveAttribute("data-phase", "implementation");
  await expect(page.getByTestId("generate")).toBeDisabled();

  await say(page, "about 400 requests a day");
  await expect(value(page, "requirements.requestsPerDay")).toHaveText("400 requests / day");
  await say(page, "$75 a month");
  await expect(page.getByTestId("completeness")).toHaveText("100%");
  await expect(page.getByTestId("phase-bar")).toHaveAttribute("data-phase", "code_generation");

  // Edit a field: a bad value is refused in the form and nothing changes; a good one is kept.
  const nameBefore = await value(page, "name").textContent();
  await page.getByRole("button", { name: "Edit Agent name" }).click();
  const nameForm = page.getByRole("form", { name: "Edit Agent name" });
  await nameForm.getByRole("textbox").fill("Not A Name!");
  await nameForm.getByRole("button", { name: "Save" }).click();
  await expect(nameForm.getByRole("alert")).toContainText("lowercase letters");
  await nameForm.getByRole("button", { name: "Cancel" }).click();
  await expect(value(page, "name")).toHaveText(nameBefore ?? "");
  await page.getByRole("button", { name: "Edit Agent name" }).click();
  await nameForm.getByRole("textbox").fill("dental-desk");
  await nameForm.getByRole("button", { name: "Save" }).click();
  await expect(value(page, "name")).toHaveText("dental-desk");
  await expect(field(page, "name")).toContainText("edited");

  // Generate: the pipeline takes the spec through PM → Dev → QA → Ops.
  await page.getByTestId("generate").click();
  await expect(page.getByTestId("pipeline-view")).toHaveAttribute("data-status", "done", { timeout: 90_000 });

  // The conversation is stored per project.
  await page.reload();
  await expect(page.getByTestId("message-user")).toHaveCount(3);
  await expect(value(page, "name")).toHaveText("dental-desk");
});

test("a second tab's stale write is a conflict with a reload, and the typed message is kept", async ({ page, context }) => {
  await signUp(page, newEmail("tabs"));
  const projectId = await createProject(page, "Two tabs");
  await page.goto(`/projects/${projectId}`);
  await say(page, DENTAL);
  // The second tab edits a field; the first tab has not seen it.
  const other = await context.newPage();
  await other.goto(`/projects/${projectId}`);
  await other.getByRole("button", { name: "Edit Agent name" }).click();
  await other.getByRole("form", { name: "Edit Agent name" }).getByRole("textbox").fill("front-desk");
  await other.getByRole("form", { name: "Edit Agent name" }).getByRole("button", { name: "Save" }).click();
  await expect(value(other, "name")).toHaveText("front-desk");

  await composer(page).fill("about 400 requests a day");
  await composer(page).press("Enter");
  await expect(page.getByTestId("conflict")).toBeVisible();
  await expect(composer(page)).toHaveValue("about 400 requests a day");
  await expect(page.getByTestId("message-user")).toHaveCount(1);
  await page.getByTestId("conflict").getByRole("button", { name: "Reload" }).click();
  await expect(page.getByTestId("conflict")).toHaveCount(0);
  await expect(value(page, "name")).toHaveText("front-desk");
  await composer(page).press("Enter");
  await expect(value(page, "requirements.requestsPerDay")).toHaveText("400 requests / day");
  await expect(page.getByTestId("message-user")).toHaveCount(2);
  await expect(value(page, "name")).toHaveText("front-desk");
});

test("an oversized message is flagged before sending", async ({ page }) => {
  await signUp(page, newEmail("limit"));
  const projectId = await createProject(page, "Limits");
  await page.goto(`/projects/${projectId}`);
  await composer(page).fill("x".repeat(8_005));
  await expect(page.getByTestId("message-limit")).toHaveText("5 characters over the 8,000-character limit");
  await expect(page.getByRole("button", { name: "Send", exact: true })).toBeDisabled();
});

test("start a project from a template", async ({ page }) => {
  await signUp(page, newEmail("template"));
  await page.getByRole("button", { name: "Start from a template" }).click();
  const dialog = page.getByRole("dialog", { name: "Start from a template" });
  await expect(dialog.getByTestId("template-card").first()).toBeVisible();
  expect(await dialog.getByTestId("template-card").count()).toBeGreaterThanOrEqual(8);
  await expect(dialog.getByRole("region", { name: "Research" })).toBeVisible();
  await dialog.getByRole("button", { name: "Use Research agent with web search" }).click();
  await dialog.getByLabel("Project name").fill("Market watch");
  await dialog.getByRole("button", { name: "Create project" }).click();

  await expect(page).toHaveURL(/\/projects\/prj_[0-9a-z]+\?tab=consultation$/);
  await expect(page.getByTestId("project-title")).toHaveText("Market watch");
  await expect(value(page, "name")).toHaveText("research-agent");
  await expect(value(page, "tools")).toContainText("Tavily");
  await expect(page.getByTestId("message-assistant").first()).toContainText("starts from the template “Research agent with web search”");
  await expect(page.getByTestId("missing-fields")).toContainText("Traffic");

  // Save it as the user's own template; it shows in the gallery under its category.
  await page.getByRole("button", { name: "Save as template" }).click();
  const save = page.getByRole("form", { name: "Save as template" });
  await save.getByLabel("Template name").fill("Our market watch");
  await save.getByLabel("Category").fill("Research");
  await save.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByText("Saved to your templates.")).toBeVisible();
  await page.goto("/dashboard");
  await page.getByRole("button", { name: "Start from a template" }).click();
  const research = page.getByRole("dialog").getByRole("region", { name: "Research" });
  await expect(research.getByTestId("template-card").filter({ hasText: "Our market watch" })).toContainText("Yours");
});
