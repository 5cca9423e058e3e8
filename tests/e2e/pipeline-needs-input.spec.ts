import { expect, test } from "@playwright/test";
import { SPEC } from "../helpers/sample-spec";
import { createProject, newEmail, signUp } from "./helpers";

test("a change that needs a setting asks for it by name in the panel; the answer lands a version; a satisfied request ends neutral", async ({ page, baseURL }) => {
  await signUp(page, newEmail("needs-input"));
  const projectId = await createProject(page, "Needs input");
  await page.goto(`/projects/${projectId}`);
  const res = await page.request.post("/api/trpc/generation.generate", { data: { json: { projectId, spec: SPEC } }, headers: { origin: baseURL! } });
  expect(res.status()).toBe(200);
  const view = page.getByTestId("pipeline-view");
  await expect(view).toHaveAttribute("data-status", "done", { timeout: 60_000 });

  await page.getByLabel("Request a change").fill("add the Slack MCP server");
  await page.getByRole("button", { name: "Send to PM" }).click();
  await expect(view).toHaveAttribute("data-status", "needs-input", { timeout: 60_000 });
  const form = page.getByRole("form", { name: "Needs input" });
  const field = form.getByLabel(/Slack workspace \(team\) ID for Slack MCP server/);
  await expect(field).toBeVisible();
  await page.screenshot({ path: "test-results/needs-input.png", fullPage: true });
  await field.fill("T012AB3CD");
  await form.getByRole("button", { name: "Answer and continue" }).click();
  await expect(view).toHaveAttribute("data-status", "done", { timeout: 90_000 });
  for (const stage of ["pm", "dev", "qa", "ops"]) await expect(page.getByTestId(`stage-${stage}`)).toHaveAttribute("data-state", "done");

  await page.getByLabel("Request a change").fill("add the Slack MCP server");
  await page.getByRole("button", { name: "Send to PM" }).click();
  await expect(view).toHaveAttribute("data-status", "no-change", { timeout: 60_000 });
  await expect(page.getByTestId("no-change")).toBeVisible();
  await expect(view.getByRole("alert")).toHaveCount(0);
  await page.screenshot({ path: "test-results/no-change.png", fullPage: true });

  await page.getByRole("button", { name: /Show change history/ }).click();
  const history = page.getByRole("list", { name: "Change history" });
  await expect(history.getByRole("link", { name: "v2 · diff" })).toBeVisible();
  await expect(history.getByText("no change needed")).toBeVisible();
});
