import { expect, test } from "@playwright/test";
import { SPEC } from "../helpers/pipeline";
import { createProject, newEmail, signUp } from "./helpers";

/**
 * Terraform as the project's IaC in Chromium: chosen in the Consultation spec fields, then
 * a generated version carries infra/terraform/*.tf (verified), and the Deploy tab says
 * plainly that deploys from the product use the CloudFormation it also generates.
 */
test.setTimeout(300_000);

test("choose Terraform in the spec, generate, see the .tf files and the Deploy tab's note", async ({ page, baseURL }) => {
  await signUp(page, newEmail("terraform"));
  const projectId = await createProject(page, "Terraform agent");
  await page.goto(`/projects/${projectId}?tab=consultation`);

  const field = page.getByTestId("spec-field-deployment.iac");
  await field.getByRole("button", { name: "Edit Infrastructure as code" }).click();
  await field.getByRole("combobox").selectOption("terraform");
  await field.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("spec-value-deployment.iac")).toHaveText("Terraform");
  await page.screenshot({ path: "test-results/terraform-consultation.png", fullPage: true });

  const spec = { ...SPEC, deployment: { target: "lambda", iac: "terraform" } };
  const res = await page.request.post("/api/trpc/generation.generate", { data: { json: { projectId, spec } }, headers: { origin: baseURL! } });
  expect(res.status()).toBe(200);
  await expect(page.getByTestId("pipeline-view")).toHaveAttribute("data-status", "done", { timeout: 180_000 });

  await page.goto(`/projects/${projectId}?tab=code`);
  await expect(page.getByText("main.tf").first()).toBeVisible({ timeout: 30_000 });

  await page.goto(`/projects/${projectId}?tab=deploy`);
  await expect(page.getByTestId("deploy-plan-resources")).toContainText("AWS::Lambda::Function");
  const note = page.getByTestId("deploy-plan-iac");
  await expect(note).toContainText("deploys itself with Terraform");
  await expect(note).toContainText("infra/cloudformation.yaml");
  await page.screenshot({ path: "test-results/terraform-deploy-plan.png", fullPage: true });
});
