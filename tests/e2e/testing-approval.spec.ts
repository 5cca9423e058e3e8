import { expect, test } from "@playwright/test";
import { GATED_SPEC } from "../helpers/gated-spec";
import { createProject, newEmail, signUp } from "./helpers";

/**
 * Human approval in the Testing tab, in Chromium: a generated TypeScript agent whose
 * http_request needs approval pauses on the call; the console shows the request with its
 * arguments and Approve / Deny. Approve lets the tool run; Deny makes the agent say so.
 */

// The first run may install the generated agent's npm dependencies (about a minute on a cold cache).
test.setTimeout(480_000);

test("a gated tool call: pause → approve → continues; pause → deny → the agent reports the denial", async ({ page, baseURL }) => {
  await signUp(page, newEmail("approval"));
  const projectId = await createProject(page, "Gated agent");
  await page.goto(`/projects/${projectId}`);
  const spec = GATED_SPEC;
  const res = await page.request.post("/api/trpc/generation.generate", { data: { json: { projectId, spec } }, headers: { origin: baseURL! } });
  expect(res.status()).toBe(200);
  await expect(page.getByTestId("pipeline-view")).toHaveAttribute("data-status", "done", { timeout: 180_000 });
  await page.getByRole("tab", { name: "Testing" }).click();
  await expect(page.getByTestId("testing-realtime")).toHaveText("● live");

  const consoleBox = page.getByTestId("run-console");
  const ask = async () => {
    await page.getByLabel("Agent input").fill("Send an http request to https://example.com/orders");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const prompt = consoleBox.getByTestId("console-approval-request");
    await expect(prompt).toBeVisible({ timeout: 300_000 });
    await expect(prompt).toContainText("The agent asks to run http_request");
    await expect(prompt.getByLabel("Arguments of http_request")).toContainText("https://example.com/orders");
    return prompt;
  };

  // Approve: the tool runs and the run succeeds.
  const first = await ask();
  await page.screenshot({ path: "test-results/testing-approval-pending.png", fullPage: true });
  await first.getByRole("button", { name: "Approve" }).click();
  await expect(consoleBox.getByTestId("console-approval-decision")).toHaveAttribute("data-decision", "approve", { timeout: 30_000 });
  await expect(consoleBox.getByText("← http_request returned")).toBeVisible();
  await expect(consoleBox).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  await expect(first.getByRole("button", { name: "Approve" })).toHaveCount(0);

  // Deny: the call is cancelled and the agent's answer says it was not done.
  const second = await ask();
  await second.getByRole("button", { name: "Deny" }).click();
  await expect(consoleBox.getByTestId("console-approval-decision")).toHaveAttribute("data-decision", "deny", { timeout: 30_000 });
  await expect(consoleBox.getByText(/denied running http_request/).first()).toBeVisible();
  await expect(consoleBox).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  await page.screenshot({ path: "test-results/testing-approval-denied.png", fullPage: true });
});
