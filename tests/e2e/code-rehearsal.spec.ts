import { expect, test } from "@playwright/test";
import { createProject, newEmail, signUp } from "./helpers";
import { SPEC } from "../helpers/sample-spec";

/**
 * The Code tab shows QA's deploy rehearsal beside the findings: passed with each step timed
 * when the project's dependencies are cached (QA_REHEARSAL=cached, the default) or installed
 * (QA_REHEARSAL=on), and otherwise visibly skipped with the reason — never as passed.
 */
const PIPELINE_MS = 240_000;

test("a TypeScript version shows its deploy rehearsal in the verification panel", async ({ page }) => {
  test.setTimeout(PIPELINE_MS + 60_000);
  await signUp(page, newEmail("code-rehearsal"));
  const projectId = await createProject(page, "Rehearsed agent");
  await page.goto(`/projects/${projectId}?tab=code`);
  const origin = new URL(page.url()).origin;
  const res = await page.request.post(`/api/trpc/generation.generate`, { data: { json: { projectId, spec: { ...SPEC, language: "typescript" } } }, headers: { origin } });
  expect(res.status(), await res.text()).toBe(200);

  await expect(page.getByTestId("open-file")).toHaveText("README.md", { timeout: PIPELINE_MS });
  const rehearsal = page.getByTestId("rehearsal");
  await expect(rehearsal).toBeVisible();
  const status = await rehearsal.getAttribute("data-status");
  expect(["passed", "skipped"]).toContain(status);
  if (status === "passed") {
    await expect(rehearsal).toContainText("Deploy rehearsal passed");
    const steps = rehearsal.getByRole("list", { name: "Rehearsal steps" });
    for (const step of ["Booted and healthy", "Answered a call", "Streamed an answer", "Usage per request", "Two sessions at once", "Bad request gets 4xx"]) await expect(steps).toContainText(step);
    await expect(steps).toContainText(/\d+ ms/);
  } else {
    await expect(rehearsal).toContainText("Deploy rehearsal skipped");
    await expect(rehearsal).toContainText("dependencies are not cached");
  }
  await page.getByRole("button", { name: "Show the checks that ran" }).click();
  await expect(page.getByRole("list", { name: "Checks that ran" })).toContainText("Python parses (not applicable)");
  await page.getByTestId("verification").screenshot({ path: `test-results/rehearsal-panel-${status}.png` });
});
