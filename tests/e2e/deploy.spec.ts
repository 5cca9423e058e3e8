import { expect, test, type Page } from "@playwright/test";
import { SPEC } from "../helpers/pipeline";
import { createProject, newEmail, signUp } from "./helpers";

/**
 * The Deploy tab in Chromium against the local simulated AWS account: connect → plan →
 * review the change set → approve → live timeline → outputs → invoke (streamed) → deploy a
 * second version → roll back → destroy with the typed stack name. Another user's deployment
 * is NOT_FOUND through the API.
 */
test.setTimeout(420_000);

async function generate(page: Page, baseURL: string, projectId: string, systemPrompt: string, count: number) {
  const res = await page.request.post("/api/trpc/generation.generate", { data: { json: { projectId, spec: { ...SPEC, systemPrompt } } }, headers: { origin: baseURL } });
  expect(res.status()).toBe(200);
  await expect(page.getByTestId("pipeline-view")).toHaveAttribute("data-status", "done", { timeout: 180_000 });
  await expect.poll(async () => {
    const r = await page.request.get(`/api/trpc/generation.listVersions?input=${encodeURIComponent(JSON.stringify({ json: { projectId } }))}`);
    return ((await r.json()).result.data.json as unknown[]).length;
  }, { timeout: 120_000 }).toBe(count);
}

async function deployAndApprove(page: Page) {
  await page.getByTestId("deploy-start").click();
  const status = page.getByTestId("deploy-status");
  await expect(status).toHaveAttribute("data-status", "review", { timeout: 30_000 });
  await page.getByTestId("deploy-approve").click();
  await expect(status).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
}

test("connect, plan, review, deploy with a live timeline, invoke, roll back and destroy", async ({ page, baseURL, browser }) => {
  await signUp(page, newEmail("deploy"));
  const projectId = await createProject(page, "Deployable agent");
  await page.goto(`/projects/${projectId}`);
  await generate(page, baseURL!, projectId, "You are version one.", 1);

  await page.getByRole("tab", { name: "Deploy" }).click();
  await expect(page).toHaveURL(/tab=deploy/);
  // Plan works before any account is connected.
  await expect(page.getByTestId("deploy-plan-resources")).toContainText("AWS::BedrockAgentCore::Runtime");
  await expect(page.getByTestId("deploy-plan-prerequisites")).toContainText("Bedrock model access");
  // The deployer's needs per resource type come from the CloudFormation registry schemas, nothing guessed.
  await expect(page.getByTestId("deploy-plan-deployer")).toContainText(/AWS::BedrockAgentCore::Runtime: \d+ actions/);
  await expect(page.getByTestId("deploy-plan-unknown-type")).toHaveCount(0);
  // The spec states no traffic: the plan prices the Cost tab's assumptions and says the traffic is a placeholder.
  await expect(page.getByTestId("deploy-plan-cost")).toHaveText(/^\$\d+\.\d\d$/);
  await expect(page.getByTestId("deploy-plan-cost-note")).toContainText("placeholder");
  await page.screenshot({ path: "test-results/deploy-1-plan.png", fullPage: true });

  // Without an account, the deploy explains what is missing.
  await page.getByTestId("deploy-start").click();
  const noAccount = page.getByRole("alert").filter({ hasText: "No AWS account is connected" });
  await expect(noAccount).toBeVisible();
  await page.screenshot({ path: "test-results/deploy-2-no-account.png", fullPage: true });

  // Connect: the bootstrap template and its ExternalId, then this machine's (simulated) credentials.
  await page.getByRole("button", { name: /Get bootstrap template/ }).click();
  await expect(page.getByTestId("deploy-external-id")).not.toBeEmpty();
  await page.getByRole("button", { name: /Use this machine's credentials/ }).click();
  await expect(page.getByTestId("deploy-connected")).toBeVisible();
  // Connecting clears the refusal it answers (it used to stay on screen).
  await expect(noAccount).toHaveCount(0);
  // The simulated account has no IAM to ask: it says so instead of listing actions as allowed.
  await expect(page.getByTestId("deploy-permissions")).toHaveAttribute("data-simulated", "false");
  await expect(page.getByTestId("deploy-permissions")).toContainText("not simulated locally");
  await page.screenshot({ path: "test-results/deploy-3-connected.png", fullPage: true });

  // Review: every resource is an Add, the role is flagged IAM; then the live timeline and outputs.
  await page.getByTestId("deploy-start").click();
  await expect(page.getByTestId("deploy-status")).toHaveAttribute("data-status", "review", { timeout: 30_000 });
  // The change set to review opens under the controls, in sight (it used to sit below the plan).
  await expect(page.getByTestId("deploy-approve")).toBeInViewport();
  await page.screenshot({ path: "test-results/deploy-4-review-viewport.png" });
  await expect(page.getByTestId("deploy-changes")).toContainText("Add");
  await expect(page.getByTestId("deploy-changes")).toContainText("IAM");
  await page.screenshot({ path: "test-results/deploy-4-review.png", fullPage: true });
  await page.getByTestId("deploy-approve").click();
  await expect(page.getByTestId("deploy-timeline")).toContainText("CREATE_IN_PROGRESS", { timeout: 15_000 });
  await expect(page.getByTestId("deploy-status")).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  await expect(page.getByTestId("deploy-timeline")).toContainText("CREATE_COMPLETE");
  await expect(page.getByTestId("deploy-outputs")).toContainText(":runtime/");
  await page.screenshot({ path: "test-results/deploy-5-done.png", fullPage: true });

  // Invoke, streamed from the simulated runtime.
  await page.getByLabel("Input for the deployed agent").fill("hello from the browser");
  await page.getByRole("button", { name: "Invoke" }).click();
  await expect(page.getByTestId("deploy-invoke-output")).toContainText("hello from the browser", { timeout: 15_000 });
  await expect(page.getByTestId("deploy-invoke")).toContainText(/total \d+ ms/);
  await page.screenshot({ path: "test-results/deploy-6-invoked.png", fullPage: true });

  // Another user cannot read this deployment.
  const history = await page.request.get(`/api/trpc/deploy.history?input=${encodeURIComponent(JSON.stringify({ json: { projectId } }))}`);
  const deploymentId = (await history.json()).result.data.json[0].id as string;
  const other = await browser.newContext();
  const bob = await other.newPage();
  await signUp(bob, newEmail("bob"));
  const denied = await bob.request.get(`/api/trpc/deploy.get?input=${encodeURIComponent(JSON.stringify({ json: { projectId, deploymentId } }))}`);
  expect(denied.status()).toBe(404);
  await other.close();

  // A second version, then roll back to the first.
  await generate(page, baseURL!, projectId, "You are version two.", 2);
  await page.reload();
  await expect(page.getByTestId("deploy-version")).toHaveValue(/ver_/);
  await deployAndApprove(page);
  await page.getByTestId("deploy-rollback").click();
  await expect(page.getByTestId("deploy-status")).toHaveAttribute("data-status", "review", { timeout: 30_000 });
  await page.getByTestId("deploy-approve").click();
  await expect(page.getByTestId("deploy-status")).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  await expect(page.getByTestId("deploy-deployment")).toContainText("Rollback v1");
  await page.screenshot({ path: "test-results/deploy-7-rolled-back.png", fullPage: true });

  // Destroy needs the typed stack name.
  await page.getByTestId("deploy-destroy").click();
  await expect(page.getByRole("alert").filter({ hasText: "type the stack name" })).toBeVisible();
  await page.getByLabel(/to destroy the dev stack/).fill("support-bot-dev");
  await page.getByTestId("deploy-destroy").click();
  await expect(page.getByTestId("deploy-status")).toHaveAttribute("data-status", "destroyed", { timeout: 30_000 });
  // The destroy's timeline is the delete alone, not the stack's earlier deploys.
  await expect(page.getByTestId("deploy-timeline")).toContainText("DELETE_COMPLETE");
  await expect(page.getByTestId("deploy-timeline")).not.toContainText("CREATE_COMPLETE");
  await expect(page.getByTestId("deploy-history-status").first()).toHaveText("destroyed");
  // No stack is left: nothing to roll back (it would deploy again).
  await expect(page.getByTestId("deploy-rollback")).toBeDisabled();
  await page.screenshot({ path: "test-results/deploy-8-destroyed.png", fullPage: true });
});
