import { expect, test } from "@playwright/test";
import { SPEC } from "../helpers/sample-spec";
import { createProject, newEmail, signUp } from "./helpers";

test("request a change and watch PM → Dev → QA → Ops advance live, then open the new version", async ({ page, baseURL }) => {
  await signUp(page, newEmail("pipeline"));
  const projectId = await createProject(page, "Live pipeline");
  await page.goto(`/projects/${projectId}`);
  await expect(page.getByTestId("realtime-state")).toHaveCount(0);

  // The first version, generated from a complete spec through the API (as the Code tab's Generate does).
  const res = await page.request.post("/api/trpc/generation.generate", { data: { json: { projectId, spec: SPEC } }, headers: { origin: baseURL! } });
  expect(res.status()).toBe(200);
  const view = page.getByTestId("pipeline-view");
  await expect(view).toHaveAttribute("data-status", "done", { timeout: 60_000 });
  await expect(page.getByTestId("realtime-state")).toHaveText("● live");

  // Record every status the view shows, without reloading, while the change runs.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __statuses: string[] }).__statuses = seen;
    const observe = () => {
      const el = document.querySelector("[data-testid=pipeline-view]");
      const s = el?.getAttribute("data-status");
      if (s && seen.at(-1) !== s) seen.push(s);
    };
    new MutationObserver(observe).observe(document.body, { subtree: true, attributes: true, childList: true });
  });
  await page.getByLabel("Request a change").fill("deploy on Lambda instead");
  await page.getByRole("button", { name: "Send to PM" }).click();
  await expect(page.getByText("“deploy on Lambda instead”")).toBeVisible();
  await expect(view).toHaveAttribute("data-status", "done", { timeout: 60_000 });
  for (const stage of ["pm", "dev", "qa", "ops"]) await expect(page.getByTestId(`stage-${stage}`)).toHaveAttribute("data-state", "done");
  const statuses = await page.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses);
  expect(statuses.at(-1)).toBe("done");
  expect(statuses.length, `statuses seen live: ${statuses.join(" → ")}`).toBeGreaterThan(1);

  await page.getByRole("button", { name: /Show change history/ }).click();
  const history = page.getByRole("list", { name: "Change history" });
  await expect(history.getByRole("listitem")).toHaveCount(2);
  await history.getByRole("link", { name: "v2 · diff" }).click();
  await expect(page).toHaveURL(/tab=code&version=ver_[0-9a-z]+&diff=ver_[0-9a-z]+/);
});

test("a request nobody understands fails visibly with the PM's reason", async ({ page, baseURL }) => {
  await signUp(page, newEmail("pipeline-fail"));
  const projectId = await createProject(page, "Unclear change");
  await page.goto(`/projects/${projectId}`);
  await page.request.post("/api/trpc/generation.generate", { data: { json: { projectId, spec: SPEC } }, headers: { origin: baseURL! } });
  await expect(page.getByTestId("pipeline-view")).toHaveAttribute("data-status", "done", { timeout: 60_000 });
  await page.getByLabel("Request a change").fill("paint it purple with sparkles");
  await page.getByRole("button", { name: "Send to PM" }).click();
  await expect(page.getByTestId("pipeline-view")).toHaveAttribute("data-status", "failed", { timeout: 60_000 });
  await expect(page.getByTestId("stage-pm")).toHaveAttribute("data-state", "failed");
  await expect(page.getByTestId("pipeline-view").getByRole("alert")).not.toBeEmpty();
});
