import { expect, test, type Page } from "@playwright/test";
import { composer, createProject, newEmail, say, signUp, specValue } from "./helpers";

const HELPDESK = "an agent for our IT helpdesk that answers employee questions from our Confluence wiki and can open Jira tickets";

/** The PM's last question: the sentence that ends in "?", as the user reads it. */
async function lastQuestion(page: Page): Promise<string> {
  const reply = (await page.getByTestId("message-assistant").last().textContent()) ?? "";
  const questions = reply.split(/(?<=\?)/).filter((s) => s.includes("?"));
  return (questions.at(-1) ?? reply).split(/(?<=[.!])\s+/).pop()!.trim();
}

test("the IT-helpdesk description picks the Atlassian tool, the PM asks for its Site URL by name, never the same question twice in a row, and the answers enable Generate", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, newEmail("helpdesk"));
  await createProject(page, "IT helpdesk");
  const asked: string[] = [];
  const turn = async (text: string) => {
    await say(page, text);
    const reply = (await page.getByTestId("message-assistant").last().textContent()) ?? "";
    asked.push(reply.includes("complete. Review it") ? "(complete)" : await lastQuestion(page));
  };

  await composer(page).fill(HELPDESK);
  await composer(page).press("Enter");
  await expect(page.getByTestId("message-assistant")).toHaveCount(1);
  asked.push(await lastQuestion(page));
  await expect(specValue(page, "tools")).toContainText("Atlassian MCP server");
  const first = page.getByTestId("message-assistant").last();
  await expect(first).toContainText("Atlassian MCP server (Jira and Confluence) needs its Site URL");
  await expect(first).not.toContainText("site_url");
  await expect(page.getByTestId("understood-by")).toHaveAttribute("data-engine", "rules");
  await expect(page.getByTestId("generate")).toBeDisabled();
  await expect(page.getByTestId("open-missing-field")).toHaveText("Site URL for Atlassian MCP server (Jira and Confluence)");
  await page.screenshot({ path: "test-results/helpdesk-asks-site-url.png", fullPage: true });

  await turn("https://acme.atlassian.net");
  await expect(page.getByTestId("missing-fields")).not.toContainText("Site URL");
  await turn("hmm, good question");
  await turn("$50 a month");
  await turn("about 300 a day");

  for (let i = 1; i < asked.length; i++) expect(asked[i], `question ${i + 1} repeats question ${i}: ${asked.join(" | ")}`).not.toBe(asked[i - 1]);
  expect(asked.at(-1)).toBe("(complete)");
  await expect(page.getByTestId("completeness")).toHaveText("100%");
  await expect(page.getByTestId("generate")).toBeEnabled();
  await expect(page.getByTestId("generate-hint")).toContainText("Ready");
  await page.screenshot({ path: "test-results/helpdesk-ready.png", fullPage: true });
});
