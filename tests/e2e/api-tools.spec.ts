import { expect, test } from "@playwright/test";
import { SPEC } from "../helpers/sample-spec";
import { createProject, newEmail, signUp, callTrpc } from "./helpers";
import { PETSTORE } from "../helpers/petstore";

const PIPELINE_MS = 90_000;


test("paste the petstore, pick two operations, generate: the code has the two tools", async ({ page }) => {
  test.setTimeout(3 * PIPELINE_MS);
  await signUp(page, newEmail("apitools"));
  const projectId = await createProject(page, "Pet agent");
  await page.goto(`/projects/${projectId}?tab=tools`);

  const panel = page.getByTestId("api-tools");
  await expect(panel).toContainText("No API added yet.");
  // A document that does not parse: the error names the line.
  await panel.getByLabel("OpenAPI document", { exact: true }).fill("openapi: 3.0.0\npaths:\n  /a: [1,\n");
  await panel.getByRole("button", { name: "Show operations" }).click();
  await expect(panel.getByRole("alert")).toContainText(/line \d+, column \d+/);

  await panel.getByLabel("OpenAPI document", { exact: true }).fill(PETSTORE);
  await panel.getByRole("button", { name: "Show operations" }).click();
  const operations = panel.getByRole("list", { name: "Operations" });
  await expect(operations.getByRole("checkbox")).toHaveCount(4);
  await expect(panel.getByText("2 operations cannot become tools")).toBeVisible();
  await operations.getByRole("checkbox", { name: "GET /pets", exact: true }).check();
  await operations.getByRole("checkbox", { name: "GET /pets/{petId}" }).check();
  await expect(panel.getByLabel("Base URL")).toHaveValue("https://petstore.example.com/v1");
  await panel.getByRole("button", { name: "Add 2 operations as tools" }).click();

  const saved = panel.getByRole("list", { name: "Saved APIs" });
  await expect(saved).toContainText("list_pets");
  await expect(saved).toContainText("show_pet_by_id");
  await expect(saved).toContainText("api-key-header (secret PETSTORE_API_KEY)");
  await test.info().attach("tools-tab-your-apis", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  await page.screenshot({ path: "test-results/api-tools-tab.png", fullPage: true });

  // Generate from the sample spec plus what the Tools tab saved; the Code tab shows the tools.
  const apiTools = await callTrpc(page, "apiTools.list", { projectId }, "query");
  await page.goto(`/projects/${projectId}?tab=code`);
  await callTrpc(page, "generation.generate", { projectId, spec: { ...SPEC, apiTools } });
  await expect(page.getByTestId("verification")).toHaveAttribute("data-state", "passed", { timeout: PIPELINE_MS });
  const files = page.getByRole("navigation", { name: "Files" });
  await files.locator('[data-path="app/api_tools.py"]').click();
  const editor = page.getByTestId("code-editor");
  await expect(editor.locator(".view-lines")).toContainText("build_api_tools");
  await expect(editor.locator(".view-lines")).toContainText("show_pet_by_id");
  await test.info().attach("code-tab-api-tools", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  await page.screenshot({ path: "test-results/api-tools-code.png", fullPage: true });
});
