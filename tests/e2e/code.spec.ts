import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import JSZip from "jszip";
import { createProject, newEmail, signUp } from "./helpers";
import { SPEC } from "../helpers/sample-spec";


/** The pipeline (PM → Dev → QA with python3 → Ops) takes seconds on a busy machine. */
const PIPELINE_MS = 60_000;

/** A tRPC mutation with the page's session cookie (and our origin, as the CSRF check wants). */
async function mutate(page: Page, path: string, json: unknown) {
  const origin = new URL(page.url()).origin;
  const res = await page.request.post(`/api/trpc/${path}`, { data: { json }, headers: { origin } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { result: { data: { json: unknown } } }).result.data.json;
}

async function query<T>(page: Page, path: string, json: unknown): Promise<T> {
  const res = await page.request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json }))}`);
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

type VersionFiles = { id: string; files: { path: string; content: string | null }[] };

test("generate, browse highlighted files, download the ZIP, change the deployment and see the diff", async ({ page, context, baseURL }) => {
  test.setTimeout(4 * PIPELINE_MS);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  // Monaco, its workers and the diff editor's teardown must not throw in the browser.
  const browserErrors: string[] = [];
  page.on("pageerror", (e) => browserErrors.push(e.message));
  page.on("console", (m) => {
    // The app ships no favicon yet; that 404 is not the Code tab's.
    if (m.type() === "error" && !m.location().url.endsWith("/favicon.ico")) browserErrors.push(`${m.text()} (${m.location().url})`);
  });
  // Offline: Monaco comes from our own bundle, never from a CDN.
  context.on("request", (r) => {
    if (!/^(blob|data):/.test(r.url()) && new URL(r.url()).origin !== new URL(baseURL!).origin) browserErrors.push(`request to ${r.url()}`);
  });
  await signUp(page, newEmail("code"));
  const projectId = await createProject(page, "Code agent");

  await page.goto(`/projects/${projectId}?tab=code`);
  await expect(page.getByText("No code generated yet")).toBeVisible();
  await mutate(page, "generation.generate", { projectId, spec: SPEC });

  // v1 lands without a reload (realtime), opens on the README, and QA's verdict sits beside it.
  await expect(page.getByTestId("open-file")).toHaveText("README.md", { timeout: PIPELINE_MS });
  await expect(page.getByLabel("Version", { exact: true }).locator("option")).toHaveText([/^v1 \(newest\) · .* · verified$/]);
  await expect(page.getByTestId("verification")).toHaveAttribute("data-state", "passed");
  await expect(page.getByTestId("verification-summary")).toContainText("0 errors");
  await page.getByRole("button", { name: "Show the checks that ran" }).click();
  await expect(page.getByRole("list", { name: "Checks that ran" })).toContainText("Python parses");

  // Browse: the Python agent is highlighted by Monaco's tokenizer (several token classes).
  const files = page.getByRole("navigation", { name: "Files" });
  await files.locator('[data-path="app/agent.py"]').click();
  await expect(page.getByTestId("open-file")).toHaveText("app/agent.py");
  const editor = page.getByTestId("code-editor");
  await expect(editor).toHaveAttribute("data-language", "python");
  // The distinct token colour classes (mtk1, mtk6, …) Monaco's tokenizer put on the visible lines.
  const tokenClasses = async () => {
    const classNames: string[] = await editor.locator(".view-lines span[class*='mtk']").evaluateAll((spans) => spans.map((s) => s.className));
    return new Set(classNames.flatMap((c) => c.split(" ").filter((x) => x.startsWith("mtk"))));
  };
  await expect.poll(async () => (await tokenClasses()).size, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
  await expect(editor.locator(".view-lines")).toContainText("import");

  // Other languages get their own highlighting too.
  await files.locator('[data-path="Dockerfile"]').click();
  await expect(editor).toHaveAttribute("data-language", "dockerfile");
  await expect(editor.locator(".view-lines")).toContainText("FROM");
  await expect.poll(async () => (await tokenClasses()).size).toBeGreaterThanOrEqual(2);
  await files.locator('[data-path="infra/cloudformation.yaml"]').click();
  await expect(editor).toHaveAttribute("data-language", "yaml");

  // Folders collapse and open again.
  const appFolder = files.locator('[data-folder="app"]');
  await appFolder.click();
  await expect(appFolder).toHaveAttribute("aria-expanded", "false");
  await expect(files.locator('[data-path="app/agent.py"]')).toHaveCount(0);
  await appFolder.click();
  await expect(files.locator('[data-path="app/agent.py"]')).toBeVisible();

  // Copy puts the whole file on the clipboard.
  const versions = await query<{ id: string; version: number }[]>(page, "generation.listVersions", { projectId });
  const v1 = await query<VersionFiles>(page, "generation.get", { projectId, versionId: versions[0]!.id });
  await files.locator('[data-path="agent-spec.json"]').click();
  await page.getByRole("button", { name: "Copy agent-spec.json" }).click();
  await expect(page.getByText("Copied")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(v1.files.find((f) => f.path === "agent-spec.json")!.content);

  // Download all as a ZIP built in the browser: every file, byte for byte.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download ZIP" }).click()]);
  expect(download.suggestedFilename()).toBe("code-agent-v1.zip");
  const zip = await JSZip.loadAsync(await readFile((await download.path())!));
  expect(Object.keys(zip.files).sort()).toEqual(v1.files.map((f) => f.path).sort());
  for (const f of v1.files) expect(await zip.file(f.path)!.async("string"), f.path).toBe(f.content);
  // The stored archive (QA's) is the same bytes.
  const [stored] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Stored ZIP" }).click()]);
  expect(Buffer.compare(await readFile((await stored.path())!), await readFile((await download.path())!))).toBe(0);

  // A change request through the project page makes v2; the tab follows the newest.
  await page.getByLabel("Request a change").fill("deploy on Lambda instead");
  await page.getByRole("button", { name: "Send to PM" }).click();
  await expect(page.getByLabel("Version", { exact: true }).locator("option").first()).toHaveText(/^v2 \(newest\)/, { timeout: PIPELINE_MS });

  // The diff from v1 to v2: agent-spec.json changed, shown in Monaco's diff editor.
  await page.getByRole("button", { name: "Diff", exact: true }).click();
  await expect(page).toHaveURL(/diff=ver_/);
  const changed = page.getByRole("list", { name: "Changed files" });
  const spec = changed.locator('[data-path="agent-spec.json"]');
  await expect(spec).toHaveAttribute("data-status", "modified");
  await spec.click();
  await expect(page.getByTestId("diff-file")).toHaveText("agent-spec.json");
  const diff = page.getByTestId("diff-editor");
  // Side by side on wide screens, inline on narrow ones: either way both sides are there, marked.
  await expect(diff).toContainText('"lambda"', { timeout: 20_000 });
  await expect(diff).toContainText('"agentcore"');
  await expect(diff.locator(".char-insert, .line-insert").first()).toBeAttached();
  await expect(diff.locator(".char-delete, .line-delete").first()).toBeAttached();

  // The change history's link opens the same diff by URL (and the Files view drops it again).
  const v1Id = versions[0]!.id;
  const v2Id = (await query<{ id: string }[]>(page, "generation.listVersions", { projectId }))[0]!.id;
  await page.getByRole("button", { name: "Files", exact: true }).click();
  await expect(page).not.toHaveURL(/diff=/);
  await page.getByRole("button", { name: /Show change history/ }).click();
  await page.getByRole("link", { name: "v2 · diff" }).click();
  await expect(page).toHaveURL(new RegExp(`version=${v2Id}&diff=${v1Id}`));
  await expect(page.getByLabel("From", { exact: true })).toHaveValue(v1Id);
  await expect(page.getByLabel("To", { exact: true })).toHaveValue(v2Id);
  await expect(changed.locator('[data-path="agent-spec.json"]')).toBeVisible();
  // Switch files in the diff (a fresh diff widget each time) and leave the diff.
  await changed.locator('[data-path="README.md"]').click();
  await expect(page.getByTestId("diff-file")).toHaveText("README.md");
  await page.getByRole("button", { name: "Files", exact: true }).click();
  await expect(page.getByTestId("code-editor")).toBeVisible();
  expect(browserErrors).toEqual([]);
});

test("an incomplete draft: Generate names the missing fields and points to the Consultation tab", async ({ page }) => {
  await signUp(page, newEmail("code-missing"));
  const projectId = await createProject(page, "Empty agent");
  await page.goto(`/projects/${projectId}?tab=code`);
  await expect(page.getByText("No code generated yet")).toBeVisible();
  await page.getByRole("button", { name: "Generate" }).click();

  const issues = page.getByTestId("spec-issues");
  await expect(issues).toContainText("The spec is not complete yet");
  for (const field of ["description", "systemPrompt", "model", "deployment"]) await expect(issues.locator(`[data-field="${field}"]`)).toBeVisible();
  await issues.getByRole("link", { name: "Fill them in the Consultation tab" }).click();
  await expect(page).toHaveURL(/tab=consultation/);
  await expect(page.getByRole("tab", { name: "Consultation" })).toHaveAttribute("aria-selected", "true");
});

test("a TypeScript version: QA's findings sit beside the files, and a finding opens its file", async ({ page }) => {
  test.setTimeout(2 * PIPELINE_MS);
  await signUp(page, newEmail("code-ts"));
  const projectId = await createProject(page, "TS agent");
  await page.goto(`/projects/${projectId}?tab=code`);
  await mutate(page, "generation.generate", { projectId, spec: { ...SPEC, language: "typescript" } });

  await expect(page.getByTestId("open-file")).toHaveText("README.md", { timeout: PIPELINE_MS });
  const verification = page.getByTestId("verification");
  await expect(verification).toHaveAttribute("data-state", "passed");
  await expect(page.getByTestId("verification-summary")).toContainText(/0 errors · [1-9]\d* warnings?/);
  // The file with findings carries a badge in the tree; the finding opens it.
  const files = page.getByRole("navigation", { name: "Files" });
  await expect(files.locator('[data-path="package.json"]')).toHaveAccessibleName(/package\.json, \d+ problems?/);
  // Findings are grouped by file: open one of package.json's.
  const packageFindings = verification.getByRole("list", { name: "Findings" }).getByRole("listitem").filter({ has: page.getByText("package.json", { exact: true }) });
  await packageFindings.getByTestId("finding").first().click();
  await expect(page.getByTestId("open-file")).toHaveText("package.json");
  await expect(page.getByTestId("code-editor")).toHaveAttribute("data-language", "json");
  await files.locator('[data-path="src/agent.ts"]').click();
  await expect(page.getByTestId("code-editor")).toHaveAttribute("data-language", "typescript");
  await expect.poll(() => page.getByTestId("code-editor").locator(".view-lines span[class*='mtk']").count(), { timeout: 20_000 }).toBeGreaterThan(5);
});
