import { expect, test, type Page } from "@playwright/test";
import { createProject, newEmail, signUp } from "./helpers";

/** The `us.` Claude Opus 5 profile: cheaper `us.` models with the same capabilities exist. */
const MODEL = "us.anthropic.claude-opus-5";

/** A tRPC mutation with the page's session cookie (and our origin, as the CSRF check wants). */
async function mutate(page: Page, path: string, json: unknown) {
  const origin = new URL(page.url()).origin;
  const res = await page.request.post(`/api/trpc/${path}`, { data: { json }, headers: { origin } });
  expect(res.status(), await res.text()).toBe(200);
}

const dollars = (text: string | null) => Number((text ?? "").replace(/[$,]/g, ""));

test("the Cost tab prices the draft live, and applying a suggestion changes the model", async ({ page }) => {
  await signUp(page, newEmail("cost"));
  const projectId = await createProject(page, "Cost agent");
  await mutate(page, "selection.setModel", { projectId, modelId: MODEL });

  await page.goto(`/projects/${projectId}?tab=cost`);
  // The model is set but not where it runs: the tab asks, and the choice goes into the draft.
  await expect(page.getByText("Choose where the agent runs")).toBeVisible();
  await page.getByRole("group", { name: "Deployment target" }).getByRole("button", { name: "Lambda" }).click();

  const total = page.getByTestId("cost-total");
  await expect(total).toHaveText(/^\$[\d,]+\.\d\d$/);
  await expect(page.getByTestId("spec-model")).toHaveText(MODEL);
  await expect(page.getByTestId("spec-target")).toHaveValue("lambda");
  const caption = page.getByTestId("projection-caption");
  await expect(caption).toBeVisible();
  const areaPath = page.getByTestId("projection-chart").locator("path.recharts-area-area");
  await expect(areaPath).toHaveCount(1);

  const totalBefore = dollars(await total.textContent());
  const captionBefore = await caption.textContent();
  const pathBefore = await areaPath.getAttribute("d");

  // Traffic: ten times the placeholder. The total and both charts follow.
  const perDay = page.getByLabel("Requests per day");
  await perDay.fill("10000");
  await expect.poll(async () => dollars(await total.textContent())).toBeGreaterThan(totalBefore * 5);
  await expect(caption).not.toHaveText(captionBefore ?? "");
  // Growth bends the projection.
  await page.getByLabel("Traffic growth").fill("10");
  await expect.poll(() => areaPath.getAttribute("d")).not.toBe(pathBefore);
  await expect(caption).toContainText("month 12");

  // A bad figure is named, and the last good estimate stays on screen.
  const grown = await total.textContent();
  await perDay.fill("-5");
  await expect(page.getByRole("alert").filter({ hasText: "requestsPerMonth must be at least 0" }).first()).toBeVisible();
  await expect(total).toHaveText(grown ?? "");
  await perDay.fill("10000");
  await expect(page.getByRole("alert").filter({ hasText: "requestsPerMonth" })).toHaveCount(0);

  // Apply the best cheaper model: the spec summary shows the new model and the total drops.
  const cheaper = page.getByTestId("suggestion").filter({ hasText: "Switch to" }).first();
  const title = (await cheaper.locator("p").first().textContent()) ?? "";
  const newModel = /\(([^()]+)\)$/.exec(title)?.[1];
  expect(newModel, title).toMatch(/^us\./);
  const beforeApply = dollars(await total.textContent());
  await cheaper.getByRole("button", { name: /^Apply/ }).click();
  await expect(page.getByTestId("spec-model")).toHaveText(newModel!);
  await expect(page.getByTestId("spec-changed")).toContainText(`Model was ${MODEL}`);
  await expect.poll(async () => dollars(await total.textContent())).toBeLessThan(beforeApply);
  await expect(page.getByTestId("cost-history").locator("li")).toHaveCount(1);

  // The change is in the draft: it survives a reload.
  await page.reload();
  await expect(page.getByTestId("spec-model")).toHaveText(newModel!);
});
