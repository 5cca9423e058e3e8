import { expect, test } from "@playwright/test";
import { SPEC } from "../helpers/pipeline";
import { createProject, newEmail, signUp } from "./helpers";

/**
 * The Testing tab in Chromium: generate a TypeScript agent, run it on the mock model and watch
 * its output stream in (tool call, text), find the run in the history with tokens and latency,
 * then add a test case and run the suite against the version.
 */

// The first run installs the generated agent's npm dependencies (about a minute on a cold cache).
test.setTimeout(420_000);

test("generate, run in the Testing tab with live output, see it in history, add a case and run the suite", async ({ page, baseURL }) => {
  await signUp(page, newEmail("testing"));
  const projectId = await createProject(page, "Notebook agent");
  await page.goto(`/projects/${projectId}`);
  const spec = { ...SPEC, name: "notebook-agent", language: "typescript", tools: [{ id: "notebook" }] };
  const res = await page.request.post("/api/trpc/generation.generate", { data: { json: { projectId, spec } }, headers: { origin: baseURL! } });
  expect(res.status()).toBe(200);
  // Opened while the pipeline runs (QA rehearses a TypeScript agent for seconds): the server renders
  // it running, and the page hydrates without a mismatch (its elapsed time is the browser's alone).
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.reload();
  await expect(page.getByTestId("pipeline-view")).toHaveAttribute("data-status", /^(queued|planning|developing|verifying|packaging)$/);
  await expect(page.getByTestId("pipeline-view")).toHaveAttribute("data-status", "done", { timeout: 180_000 });
  expect(pageErrors).toEqual([]);

  await page.getByRole("tab", { name: "Testing" }).click();
  await expect(page).toHaveURL(/tab=testing/);
  await expect(page.getByTestId("mock-badge").first()).toHaveText("MOCK MODEL");
  await expect(page.getByTestId("testing-realtime")).toHaveText("● live");

  await page.getByLabel("Agent input").fill("List my notebooks");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const consoleBox = page.getByTestId("run-console");
  await expect(consoleBox).toBeVisible();
  // Live: the platform's progress and then the agent's tool call arrive while the run goes on.
  await expect(consoleBox.getByText(/Preparing the project|Installing dependencies|Compiling TypeScript|Running the agent/).first()).toBeVisible({ timeout: 30_000 });
  await expect(consoleBox.getByTestId("console-tool-call")).toContainText("→ tool notebook", { timeout: 300_000 });
  await expect(consoleBox.getByText(/"mode": "list"/)).toBeVisible();
  await expect(consoleBox.getByText(/I used notebook and it returned/)).toBeVisible();
  await expect(consoleBox).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });

  const row = page.getByTestId("run-row").first();
  await expect(row).toContainText("succeeded");
  await expect(row).toContainText("List my notebooks");
  await expect(row.getByTestId("mock-badge")).toBeVisible();
  await expect(row.getByTestId("run-tokens")).toHaveText(/^\d[\d,]* \/ \d[\d,]*$/);
  await expect(row.getByTestId("run-latency")).toHaveText(/^\d+(\.\d+)? m?s$/);

  // Re-run, then compare the two runs side by side.
  await row.getByRole("button", { name: "Re-run" }).click();
  await expect(page.getByTestId("run-row")).toHaveCount(2);
  await expect(page.getByTestId("run-row").first()).toContainText("succeeded", { timeout: 60_000 });
  for (const box of await page.getByRole("checkbox", { name: /Compare run/ }).all()) await box.check();
  await page.getByRole("button", { name: /Compare selected/ }).click();
  await expect(page.getByTestId("run-compare")).toContainText("identical");

  // A test case, then the suite against v1.
  await page.getByLabel("Case name").fill("lists notebooks");
  await page.getByLabel("Case input").fill("List my notebooks");
  await page.getByLabel("Output contains").fill("notebook");
  await page.getByLabel("Tool called").fill("notebook");
  await page.getByRole("button", { name: "Add test case" }).click();
  await expect(page.getByTestId("test-case")).toHaveCount(1);
  await page.getByRole("button", { name: "Run suite on v1" }).click();
  await expect(page.getByTestId("case-verdict")).toHaveText("PASS", { timeout: 60_000 });
  await expect(page.getByTestId("suite-status")).toContainText("1/1 passed");
  await expect(page.getByTestId("pass-rate")).toContainText("100%");
});
