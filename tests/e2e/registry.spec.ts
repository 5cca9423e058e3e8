import { expect, test, type Page } from "@playwright/test";
import { createProject, newEmail, signUp } from "./helpers";

async function snapshot(page: Page, name: string) {
  // Kept in the report so a reviewer can see what the tabs look like.
  await test.info().attach(name, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
}

test("pick a recommended model, compare three, pick tools with a platform warning, take the alternative, reload", async ({ page }) => {
  await signUp(page, newEmail("registry"));
  const projectId = await createProject(page, "Registry agent");
  await page.goto(`/projects/${projectId}?tab=models`);

  // Nothing selected yet; the whole registry is browsable.
  await expect(page.getByTestId("current-model")).toContainText("None yet");
  await expect(page.getByTestId("model-count")).toHaveText(/^(\d+) of \1 models$/);

  // Pick the best-ranked model that carries the Recommended badge.
  const recommended = page.getByTestId("recommendation").filter({ has: page.getByTestId("recommended-badge") }).first();
  await expect(recommended).toBeVisible();
  const chosenId = (await recommended.getAttribute("data-model-id"))!;
  await expect(recommended.getByTestId("monthly-cost")).toHaveText(/^\$|<\$/);
  await recommended.getByRole("button", { name: "Use this model" }).click();
  await expect(page.getByTestId("current-model-id")).toHaveText(chosenId);
  await expect(recommended.getByText("Selected", { exact: true })).toBeVisible();

  // Compare three recommendations side by side.
  const recs = page.getByTestId("recommendation");
  for (let i = 0; i < 3; i++) await recs.nth(i).getByRole("checkbox").check();
  const table = page.getByTestId("compare-table");
  await expect(page.getByTestId("compare-panel")).toContainText("Compare side by side (3/4)");
  await expect(table.locator("thead th")).toHaveCount(4);
  await expect(table.getByRole("row", { name: /Monthly cost at your traffic/ }).locator("td")).toHaveCount(3);
  await expect(table.getByRole("row", { name: /^Input price/ }).locator("td").first()).toHaveText(/^\$/);
  await snapshot(page, "models-tab");

  // Search is debounced and server-side; an unknown price reads "unknown", never $0.
  await page.getByLabel("Search models").fill("mythos");
  await expect(page.getByTestId("model-count")).toHaveText(/^1 of \d+ models$/);
  const mythos = page.getByTestId("model-item").first();
  await expect(mythos).toContainText("Claude Mythos");
  await expect(mythos.getByText("unknown").first()).toBeVisible();
  await page.getByRole("button", { name: "Grid view" }).click();
  await expect(page.getByTestId("model-item")).toHaveCount(1);

  // Tools: a tool AgentCore cannot run, warned about, swapped for its alternative in one click.
  await page.getByRole("tab", { name: "Tools" }).click();
  await page.getByLabel("Search tools").fill("computer");
  await page.getByRole("checkbox", { name: "Select Use computer (desktop automation)" }).check();
  const warning = page.getByTestId("tool-warning").filter({ hasText: "Use computer" });
  await expect(warning).toHaveAttribute("data-severity", "unsupported");
  await expect(warning).toContainText("graphical display");
  await warning.getByRole("button", { name: "Use AgentCore Browser" }).click();
  await expect(page.getByTestId("selected-tool")).toHaveCount(1);
  await expect(page.getByTestId("selected-tool")).toHaveAttribute("data-tool-id", "browser_agentcore");
  await expect(page.getByTestId("tool-warning").filter({ hasText: "Use computer" })).toHaveCount(0);

  // A second tool; deprecated tools are labelled with their replacement.
  await page.getByLabel("Search tools").fill("shell");
  await expect(page.locator('[data-testid="tool-item"][data-tool-id="shell"]').getByTestId("deprecated-label")).toHaveText("Deprecated: use Shell (SDK vended)");
  await page.getByLabel("Search tools").fill("http request");
  await page.getByRole("checkbox", { name: "Select HTTP request (SDK vended)" }).check();
  await expect(page.getByTestId("resolved-packages")).toContainText("strands-agents-tools[agent-core-browser]");
  await expect(page.getByTestId("resolved-packages")).toContainText("strands-agents>=1.54.0,<2.0.0");
  await expect(page.getByTestId("save-state")).toHaveText("Unsaved changes");
  await page.getByRole("button", { name: "Save tool selection" }).click();
  await expect(page.getByTestId("save-state")).toHaveText("Saved");
  await snapshot(page, "tools-tab");

  // Both selections survive a reload.
  await page.reload();
  await expect(page.getByTestId("selected-tool")).toHaveCount(2);
  await expect(page.getByTestId("selected-tools")).toContainText("AgentCore Browser");
  await expect(page.getByTestId("selected-tools")).toContainText("HTTP request (SDK vended)");
  await page.getByRole("tab", { name: "Models" }).click();
  await expect(page.getByTestId("current-model-id")).toHaveText(chosenId);
});

test("conflicting tools are refused with both named, and cannot be saved", async ({ page }) => {
  await signUp(page, newEmail("conflict"));
  const projectId = await createProject(page, "Conflict agent");
  await page.goto(`/projects/${projectId}?tab=tools`);
  await page.getByLabel("Search tools").fill("shell");
  await page.getByRole("checkbox", { name: "Select Shell (strands_tools)" }).check();
  await page.getByRole("checkbox", { name: "Select Shell (SDK vended)" }).check();
  const conflict = page.getByTestId("tool-conflict");
  await expect(conflict).toContainText("Shell (strands_tools) and Shell (SDK vended) cannot be combined");
  await expect(page.getByRole("button", { name: "Save tool selection" })).toBeDisabled();
  await conflict.getByRole("button", { name: "Remove Shell (strands_tools)" }).click();
  await expect(page.getByTestId("tool-conflict")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save tool selection" })).toBeEnabled();
});
