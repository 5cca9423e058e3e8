import { expect, test, type Page } from "@playwright/test";
import { createProject, newEmail, say, signUp, specValue as value, callTrpc } from "./helpers";

/**
 * One spec of record: the flows a user walks across tabs agree with each other
 * (issue 14). One test per seam.
 */

const DENTAL = "A scheduling assistant for our dental clinic that books, moves and cancels appointments through our booking system's REST API and sends reminders. It must reply within 2 seconds.";
const HR = "An HR assistant that answers employee questions about leave policy, benefits and onboarding from our internal handbook, which sits in a knowledge base. It should be serverless.";
const NOVA_MICRO = "amazon.nova-micro-v1:0";

/** Kept in the report so a reviewer can see the seam. */
async function snapshot(page: Page, name: string) {
  await test.info().attach(name, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
}


test("creating a project opens it, titled with its name", async ({ page }) => {
  await signUp(page, newEmail("opens"));
  await page.getByLabel("New project").fill("Dental desk");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/projects\/prj_[0-9a-z]{26}\?tab=consultation$/);
  await expect(page.getByTestId("consultation-tab")).toBeVisible();
  await expect(page).toHaveTitle("Dental desk · Agent Builder");
});

test("a knowledge-base id answered 'not yet': Generate stays disabled, names the setting and opens it", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, newEmail("notyet"));
  const projectId = await createProject(page, "HR helper");
  await say(page, HR);
  await say(page, "not yet, we're still setting it up");
  await say(page, "a few hundred a day");
  await say(page, "$100 a month");

  const setting = "Knowledge base ID for Bedrock Knowledge Base";
  await expect(page.getByTestId("message-assistant").last()).not.toContainText("The spec is complete");
  await expect(page.getByTestId("message-assistant").last()).toContainText(setting);
  await expect(page.getByTestId("generate")).toBeDisabled();
  await expect(page.getByTestId("generate-hint")).toContainText(setting);
  await snapshot(page, "not-yet-consultation");

  // The Code tab's Generate is refused up front: one banner, naming the setting in the user's words.
  await page.goto(`/projects/${projectId}?tab=code`);
  await page.getByRole("button", { name: "Generate" }).click();
  await expect(page.getByTestId("spec-issues")).toContainText(setting);
  // One banner (Next's route announcer is an empty alert region of its own).
  await expect(page.getByRole("alert").filter({ hasText: setting })).toHaveCount(1);
  await expect(page.getByText("tools.0.config.knowledge_base_id")).toHaveCount(0);
  await snapshot(page, "not-yet-code-tab");

  // The link opens the setting; once set, Generate is enabled.
  await page.goto(`/projects/${projectId}?tab=consultation`);
  await page.getByTestId("open-missing-field").click();
  const form = page.getByRole("form", { name: `Edit ${setting} (SDK memory store)` });
  await form.getByRole("textbox").fill("KB12345678");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("completeness")).toHaveText("100%");
  await expect(page.getByTestId("generate")).toBeEnabled();
});

test("a cost suggestion applied reaches the next generated version", async ({ page }) => {
  test.setTimeout(150_000);
  await signUp(page, newEmail("suggest"));
  const projectId = await createProject(page, "Dental desk");
  await say(page, DENTAL);
  await say(page, "about 400 requests a day");
  await say(page, "$75 a month");
  await expect(page.getByTestId("completeness")).toHaveText("100%");

  await page.goto(`/projects/${projectId}?tab=cost`);
  await page.getByRole("button", { name: "Apply: Lower max output tokens to 1024" }).click();
  await expect(page.getByText("max 1,024 output tokens")).toBeVisible();

  await page.goto(`/projects/${projectId}?tab=code`);
  await page.getByRole("button", { name: "Generate" }).click();
  const listVersions = async () => (await callTrpc(page, "generation.listVersions", { projectId }, "query")) as { id: string }[];
  await expect.poll(async () => (await listVersions()).length, { timeout: 90_000 }).toBe(1);
  const versions = await listVersions();
  const version = (await callTrpc(page, "generation.get", { projectId, versionId: versions[0]!.id }, "query")) as { files: { path: string; content: string | null }[] };
  const spec = JSON.parse(version.files.find((f) => f.path === "agent-spec.json")!.content!) as { model: { maxTokens: number } };
  expect(spec.model.maxTokens).toBe(1024);
});

test("edited cost assumptions survive a reload", async ({ page }) => {
  await signUp(page, newEmail("assume"));
  const projectId = await createProject(page, "Cost agent");
  await callTrpc(page, "selection.setModel", { projectId, modelId: NOVA_MICRO });
  await callTrpc(page, "cost.setTarget", { projectId, target: "lambda" });
  await page.goto(`/projects/${projectId}?tab=cost`);
  const perDay = page.getByLabel("Requests per day");
  const output = page.getByLabel("Output tokens per request");
  await perDay.fill("2500");
  await output.fill("321");
  await expect(page.getByTestId("cost-tab")).toHaveAttribute("aria-busy", "false");
  // Saved once priced; give the save a moment to land before reloading.
  await expect.poll(async () => ((await callTrpc(page, "cost.preview", { projectId }, "query")) as { usage: { outputTokens: number } }).usage.outputTokens).toBe(321);
  await page.reload();
  await expect(perDay).toHaveValue("2500");
  await expect(output).toHaveValue("321");
  await snapshot(page, "cost-assumptions-after-reload");
});

test("Models and Cost price the same model the same", async ({ page }) => {
  await signUp(page, newEmail("price"));
  const projectId = await createProject(page, "Nova agent");
  await callTrpc(page, "selection.setModel", { projectId, modelId: NOVA_MICRO });
  await callTrpc(page, "cost.setTarget", { projectId, target: "lambda" });

  await page.goto(`/projects/${projectId}?tab=cost`);
  const modelLine = page.getByTestId("cost-line").filter({ hasText: "Bedrock model" }).locator("td").nth(1);
  await expect(modelLine).toHaveText(/^\$[\d,]+\.\d\d/);
  const costPrice = (await modelLine.textContent())!.match(/\$[\d,]+\.\d\d/)![0];

  await page.goto(`/projects/${projectId}?tab=models`);
  await page.getByLabel("Search models").fill("nova micro");
  await page.locator(`[data-testid="model-item"][data-model-id="${NOVA_MICRO}"]`).getByRole("checkbox").check();
  await page.locator(`[data-testid="model-item"][data-model-id="us.${NOVA_MICRO}"]`).getByRole("checkbox").check();
  const row = page.getByTestId("compare-table").getByRole("row", { name: /Monthly cost at your traffic/ });
  await expect(row.locator("td").first()).toHaveText(costPrice);
  await snapshot(page, "models-same-price");
  // Sources by name and date, not a repository path.
  await expect(page.getByTestId("model-source").first()).toContainText(/as of \d{4}-\d\d-\d\d/);
  await expect(page.getByText("shared/reference")).toHaveCount(0);
});

test("the system prompt reflects a tool added in the Tools tab", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, newEmail("prompt"));
  const projectId = await createProject(page, "Dental desk");
  await say(page, DENTAL);
  const tool = "Tavily search, extract, crawl and map";
  await expect(value(page, "systemPrompt")).toContainText("dental");
  await expect(value(page, "systemPrompt")).not.toContainText(tool);

  await page.goto(`/projects/${projectId}?tab=tools`);
  await page.getByLabel("Search tools").fill("tavily");
  await page.getByRole("checkbox", { name: `Select ${tool}` }).check();
  await page.getByRole("button", { name: "Save tool selection" }).click();
  await expect(page.getByTestId("save-state")).toHaveText("Saved");

  await page.goto(`/projects/${projectId}?tab=consultation`);
  await expect(value(page, "systemPrompt")).toContainText(tool);
});

test("revoking a token asks first and hides the secret", async ({ page }) => {
  await signUp(page, newEmail("revoke"));
  await page.goto("/settings");
  await page.getByLabel("Token name").fill("CI");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("new-token")).toBeVisible();

  await page.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText("Revoked")).toHaveCount(0);

  await page.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("alertdialog")).toContainText("Revoke “CI”?");
  await snapshot(page, "token-revoke-confirm");
  await page.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(page.getByText("Revoked")).toBeVisible();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
});
