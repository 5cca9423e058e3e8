import { expect, test } from "@playwright/test";
import { SPEC } from "../helpers/sample-spec";
import { callTrpc, createProject, newEmail, signUp } from "./helpers";
import { PETSTORE } from "../helpers/petstore";

const PIPELINE_MS = 90_000;

test("on AgentCore an API can run through an AgentCore Gateway: the choice explains itself, the code reaches the gateway", async ({ page }) => {
  test.setTimeout(3 * PIPELINE_MS);
  await signUp(page, newEmail("apigateway"));
  const projectId = await createProject(page, "Gateway agent");
  await page.goto(`/projects/${projectId}?tab=tools`);

  const panel = page.getByTestId("api-tools");
  await panel.getByLabel("OpenAPI document", { exact: true }).fill(PETSTORE);
  await panel.getByRole("button", { name: "Show operations" }).click();
  await panel.getByRole("list", { name: "Operations" }).getByRole("checkbox", { name: "GET /pets/{petId}" }).check();
  const where = panel.getByRole("group", { name: "Where the tools run" });
  await expect(where.getByRole("radio", { name: "In the agent" })).toBeChecked();
  await expect(where).toContainText("never holds the key");
  await where.getByRole("radio", { name: "Through an AgentCore Gateway" }).check();
  await panel.screenshot({ path: "test-results/api-gateway-choice.png" });
  await panel.getByRole("button", { name: "Add 1 operation as tools" }).click();

  const saved = panel.getByRole("list", { name: "Saved APIs" });
  await expect(saved).toContainText("show_pet_by_id");
  await expect(saved).toContainText("Runs: through an AgentCore Gateway");
  await test.info().attach("tools-tab-gateway", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  await panel.screenshot({ path: "test-results/api-gateway-saved.png" });

  // Generated with what the Tools tab saved: the agent reaches the gateway; no in-process API tools.
  const apiTools = await callTrpc(page, "apiTools.list", { projectId }, "query");
  await page.goto(`/projects/${projectId}?tab=code`);
  await callTrpc(page, "generation.generate", { projectId, spec: { ...SPEC, apiTools } });
  await expect(page.getByTestId("verification")).toHaveAttribute("data-state", "passed", { timeout: PIPELINE_MS });
  const files = page.getByRole("navigation", { name: "Files" });
  await expect(files.locator('[data-path="app/api_tools.py"]')).toHaveCount(0);
  await files.locator('[data-path="app/gateway_client.py"]').click();
  await expect(page.getByTestId("code-editor").locator(".view-lines")).toContainText("aws_iam_streamablehttp_client");
  await page.screenshot({ path: "test-results/api-gateway-code.png", fullPage: true });
});
