import { expect, test } from "@playwright/test";
import { SPEC } from "../helpers/pipeline";
import { createProject, newEmail, signUp } from "./helpers";

/**
 * Evaluations in Chromium: synthesize cases from the spec (offline), edit and drop drafts, save,
 * run the suite on v1 with the mock judge (scores labelled), then a v2 without the tool the
 * cases need: the comparison marks it regressed, and choosing it asks for a confirmation.
 */

// The first run installs the generated agent's npm dependencies (about a minute on a cold cache).
test.setTimeout(480_000);

test("synthesize, edit, save, run the suite with the mock judge, compare versions and see a regression", async ({ page, baseURL }) => {
  await signUp(page, newEmail("evals"));
  const projectId = await createProject(page, "Eval agent");
  await page.goto(`/projects/${projectId}`);
  const spec = { ...SPEC, name: "eval-agent", language: "typescript", tools: [{ id: "notebook" }], requirements: { useCase: "Keep notes for the user" } };
  const generate = (s: unknown) => page.request.post("/api/trpc/generation.generate", { data: { json: { projectId, spec: s } }, headers: { origin: baseURL! } });
  expect((await generate(spec)).status()).toBe(200);
  await expect(page.getByTestId("pipeline-view")).toHaveAttribute("data-status", "done", { timeout: 180_000 });

  await page.getByRole("tab", { name: "Testing" }).click();
  await page.getByLabel("Propose").fill("3");
  await page.getByRole("button", { name: "Synthesize" }).click();
  await expect(page.getByTestId("draft-case")).toHaveCount(3);
  await expect(page.getByTestId("synthesis-source")).toContainText("drawn up from the spec (offline, no model)");
  await expect(page.getByLabel("Case 1 input")).toHaveValue(/Use the notebook tool/);
  await page.getByLabel("Case 1 name").fill("Uses the notebook (edited)");
  await page.getByTestId("draft-case").nth(2).getByRole("button", { name: "Drop this case" }).click();
  await expect(page.getByTestId("draft-case")).toHaveCount(2);
  await expect(page.getByTestId("test-case")).toHaveCount(0);
  await page.getByRole("button", { name: "Save 2 cases" }).click();
  await expect(page.getByTestId("test-case")).toHaveCount(2);
  await expect(page.getByTestId("test-case").first()).toContainText("Uses the notebook (edited)");
  await expect(page.getByTestId("test-case").first()).toContainText("tools in order notebook");

  await page.getByRole("button", { name: "Run suite on v1" }).click();
  await expect(page.getByTestId("suite-status")).toContainText("2/2 passed", { timeout: 360_000 });
  await expect(page.getByTestId("judge-scores").first()).toContainText("toolSelection 5/5 · mock judge");
  await expect(page.getByTestId("compare-row")).toHaveCount(1);
  await expect(page.getByTestId("compare-judges")).toHaveText("mock judge");

  // v2 loses the tool: the tool case fails its trajectory and judge checks.
  expect((await generate({ ...spec, tools: [] })).status()).toBe(200);
  await expect(page.getByRole("option", { name: "v2" })).toBeAttached({ timeout: 180_000 });
  await page.getByLabel("Version", { exact: true }).selectOption({ label: "v2" });
  await page.getByRole("button", { name: "Run suite on v2" }).click();
  await expect(page.getByTestId("suite-status")).toContainText("1/2 passed", { timeout: 180_000 });
  const v2 = page.locator('[data-testid="compare-row"][data-version="2"]');
  await expect(v2.getByTestId("compare-gate")).toContainText("regressed", { timeout: 30_000 });
  await expect(page.getByRole("option", { name: "v2 — regressed" })).toBeAttached();
  await page.getByTestId("compare-row").first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/evals-comparison.png", fullPage: true });

  // Choosing the regressed version again asks first; dismissing keeps the current choice.
  await page.getByLabel("Version", { exact: true }).selectOption({ label: "v1" });
  page.once("dialog", (d) => { expect(d.message()).toMatch(/v2 is marked regressed/); void d.dismiss(); });
  await page.getByLabel("Version", { exact: true }).selectOption({ label: "v2 — regressed" });
  await expect(page.getByRole("button", { name: "Run suite on v1" })).toBeVisible();
});
