import { defineConfig, devices } from "@playwright/test";

// E2E runs against the real local platform started by the launcher (`npm start`), on its own
// port and data directory so it never touches a developer's .data/.
const PORT = Number(process.env.E2E_PORT ?? 3210);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? "test-results/e2e.json" }]],
  outputDir: "test-results/e2e-artifacts",
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `http://localhost:${PORT}/api/trpc/health.check`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    // Every spec signs up its own users from 127.0.0.1: more than the default per-IP sign-up budget
    // (the limits themselves are tested in tests/integration/abuse-limits.test.ts).
    env: { PORT: String(PORT), DATA_DIR: `.data-e2e-${PORT}`, SEED_DEMO: "false", SIGNUPS_PER_IP_HOUR: "1000" },
  },
});
