import { expect, test, type Page } from "@playwright/test";
import { createProject, newEmail, say, signUp } from "./helpers";

/**
 * A spec is never "complete" with a tool the generator will refuse: the Consultation tab
 * names the tool and the alternative and keeps Generate disabled; the Tools tab shows the
 * reason and the alternative and does not save the misfit.
 */

const DENTAL = "A scheduling assistant for our dental clinic that books, moves and cancels appointments through our booking system's REST API and sends reminders. It must reply within 2 seconds.";
const MISFIT = "HTTP request (strands_tools) has no TypeScript implementation in the registry";
const ALTERNATIVE = "HTTP request (SDK vended)";

async function snapshot(page: Page, name: string) {
  await test.info().attach(name, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
}

async function setLanguage(page: Page, label: "Python" | "TypeScript") {
  await page.getByRole("button", { name: "Edit Language" }).click();
  const form = page.getByRole("form", { name: "Edit Language" });
  await form.getByRole("combobox").selectOption({ label });
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form).toHaveCount(0);
}

test("TypeScript chosen after the tools: Generate stays disabled naming the tool, and the PM's answer fixes it", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, newEmail("toolfit"));
  await createProject(page, "Dental desk");
  await say(page, DENTAL);
  await say(page, "about 400 requests a day");
  await say(page, "$75 a month");
  await expect(page.getByTestId("completeness")).toHaveText("100%");
  await expect(page.getByTestId("phase-bar")).toHaveAttribute("data-phase", "code_generation");

  await setLanguage(page, "TypeScript");
  await expect(page.getByTestId("completeness")).not.toHaveText("100%");
  // Generate is refused, so the bar moves back from "Code generation" to the phase the spec allows.
  await expect(page.getByTestId("phase-bar")).toHaveAttribute("data-phase", "implementation");
  await expect(page.getByTestId("generate")).toBeDisabled();
  await expect(page.getByTestId("generate-hint")).toContainText(MISFIT);
  await expect(page.getByTestId("generate-hint")).toContainText(ALTERNATIVE);
  await expect(page.getByTestId("spec-problem-tools")).toContainText(MISFIT);
  await expect(page.getByTestId("spec-field-tools")).toHaveAttribute("data-state", "missing");
  await snapshot(page, "tool-fit-consultation");

  // The hint opens the Tools field, not a text box for an id.
  await page.getByTestId("open-missing-field").click();
  await expect(page.getByRole("group", { name: "Edit Tools" })).toBeVisible();
  await page.getByRole("group", { name: "Edit Tools" }).getByRole("button", { name: "Cancel" }).click();

  await say(page, `Yes, use ${ALTERNATIVE} instead.`);
  await expect(page.getByTestId("message-assistant").last()).toContainText(`I swapped it for ${ALTERNATIVE}`);
  await expect(page.getByTestId("completeness")).toHaveText("100%");
  await expect(page.getByTestId("generate")).toBeEnabled();
  await expect(page.getByTestId("spec-value-tools")).toHaveText(ALTERNATIVE);
  await expect(page.getByTestId("phase-bar")).toHaveAttribute("data-phase", "code_generation");
});

test("Tools tab: a tool without the project's language shows why and the alternative, and cannot be saved", async ({ page }) => {
  await signUp(page, newEmail("toolfit-tab"));
  const projectId = await createProject(page, "TS agent");
  await setLanguage(page, "TypeScript");

  await page.goto(`/projects/${projectId}?tab=tools`);
  await page.getByLabel("Search tools").fill("http request");
  await page.getByRole("checkbox", { name: "Select HTTP request (strands_tools)" }).check();
  const unavailable = page.getByTestId("tool-unavailable").filter({ hasText: "HTTP request (strands_tools)" });
  await expect(unavailable).toContainText("has no TypeScript implementation");
  await expect(page.getByRole("button", { name: "Save tool selection" })).toBeDisabled();
  await expect(page.getByTestId("save-blocked")).toContainText("HTTP request (strands_tools) cannot be generated for this project (TypeScript");
  await snapshot(page, "tool-fit-tools-tab");

  await unavailable.getByRole("button", { name: `Use ${ALTERNATIVE}` }).click();
  await expect(page.getByTestId("save-blocked")).toHaveCount(0);
  await page.getByRole("button", { name: "Save tool selection" }).click();
  await expect(page.getByTestId("save-state")).toHaveText("Saved");
  await expect(page.getByTestId("selected-tool")).toHaveAttribute("data-tool-id", "http_request_vended");
});

test("Consultation tools editor: a tool without the draft's language is marked in the list, shown with why and 'Use X', and the swap saves", async ({ page }) => {
  await signUp(page, newEmail("toolfit-editor"));
  await createProject(page, "TS editor");
  await setLanguage(page, "TypeScript");
  await page.getByRole("button", { name: "Edit Tools" }).click();
  const editor = page.getByRole("group", { name: "Edit Tools" });
  const add = editor.getByRole("combobox", { name: "Add a tool" });
  await expect(add.locator("option", { hasText: "Tavily search, extract, crawl and map (no TypeScript version)" })).toHaveCount(1);
  await expect(add.locator("option", { hasText: /^Tavily MCP server$/ })).toHaveCount(1);
  await add.selectOption({ label: "Tavily search, extract, crawl and map (no TypeScript version)" });
  await editor.getByRole("button", { name: "Add", exact: true }).click();
  const unavailable = editor.getByTestId("tool-unavailable");
  await expect(unavailable).toContainText("Not available: Tavily search, extract, crawl and map");
  await expect(unavailable).toContainText("has no TypeScript implementation");
  await snapshot(page, "tool-fit-editor");
  await page.screenshot({ path: test.info().outputPath("tool-fit-editor.png"), fullPage: true });
  await unavailable.getByRole("button", { name: "Use Tavily MCP server" }).click();
  await expect(editor.getByTestId("tool-unavailable")).toHaveCount(0);
  await editor.getByRole("button", { name: "Save" }).click();
  await expect(editor).toHaveCount(0);
  await expect(page.getByTestId("spec-value-tools")).toHaveText("Tavily MCP server");
});

async function setTarget(page: Page, label: string) {
  await page.getByRole("button", { name: "Edit Deployment target" }).click();
  const form = page.getByRole("form", { name: "Edit Deployment target" });
  await form.getByRole("combobox").selectOption({ label });
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form).toHaveCount(0);
}

test("Tools tab, deprecated tools: judged as the replacement they are generated as, like the save and the generator", async ({ page }) => {
  await signUp(page, newEmail("toolfit-deprecated"));
  const projectId = await createProject(page, "Lambda clock");
  await setTarget(page, "Lambda");

  // Python on Lambda: Current time is generated as the Time MCP server, which Lambda cannot run.
  await page.goto(`/projects/${projectId}?tab=tools`);
  await page.getByLabel("Search tools").fill("current time");
  await page.getByRole("checkbox", { name: "Select Current time" }).check();
  await expect(page.getByTestId("generated-as")).toHaveText("Deprecated: generated as Time MCP server");
  await expect(page.getByTestId("save-blocked-reason")).toContainText("Current time (deprecated, generated as Time MCP server) does not run on AWS Lambda");
  await expect(page.getByRole("button", { name: "Save tool selection" })).toBeDisabled();
  await expect(page.getByTestId("tool-warning").filter({ hasText: "Current time" }).first()).toHaveAttribute("data-severity", "unsupported");
  await snapshot(page, "tool-fit-deprecated-lambda");
  await page.screenshot({ path: test.info().outputPath("tool-fit-deprecated-lambda.png"), fullPage: true });

  // TypeScript: Editor has no TypeScript version, but it is generated as File editor, which has: Save is open and saves.
  await page.goto(`/projects/${projectId}`);
  await setLanguage(page, "TypeScript");
  await page.goto(`/projects/${projectId}?tab=tools`);
  await page.getByLabel("Search tools").fill("editor");
  await page.getByRole("checkbox", { name: "Select Editor (strands_tools)" }).check();
  await expect(page.getByTestId("generated-as")).toHaveText("Deprecated: generated as File editor (SDK vended)");
  await expect(page.getByTestId("tool-unavailable")).toHaveCount(0);
  await expect(page.getByTestId("save-blocked")).toHaveCount(0);
  await page.getByRole("button", { name: "Save tool selection" }).click();
  await expect(page.getByTestId("save-state")).toHaveText("Saved");
  await expect(page.getByTestId("selected-tool")).toHaveAttribute("data-tool-id", "editor");
  await page.screenshot({ path: test.info().outputPath("tool-fit-deprecated-typescript.png"), fullPage: true });
});
