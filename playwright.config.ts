import os from "node:os";
import path from "node:path";

import { defineConfig, devices } from "@playwright/test";

import { E2E_SETUP_TOKEN } from "./tests/e2e/helpers";

const port = Number(process.env.E2E_PORT ?? 3210);
// A fresh database per run, outside test-results/ (which Playwright empties). Workers evaluate this file again:
// they inherit the runner's name through the environment, so tests read the server's database (faults.spec.ts).
const databaseFile = (process.env.E2E_DATABASE_FILE ??= path.join(os.tmpdir(), `beside-e2e-${process.pid}-${Date.now()}.db`));

/** Debian's Chromium (no browser downloads on these machines); CHROMIUM_PATH overrides. */
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/playwright",
  timeout: 90_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    // A fresh server has no accounts: the first organiser is set up once, before every other test.
    { name: "setup", testMatch: /setup\.spec\.ts$/, use: { ...devices["Desktop Chrome"], channel: undefined } },
    { name: "chromium", testIgnore: /setup\.spec\.ts$/, dependencies: ["setup"], use: { ...devices["Desktop Chrome"], channel: undefined } },
  ],
  webServer: {
    command: "node scripts/ensure-build.mjs && node --import tsx server/index.ts",
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_FILE: databaseFile,
      PLANS_DIR: "content/plans",
      LOG_LEVEL: "error",
      // A short delay keeps the real code path (signals reach the console after a random while) without slowing the test.
      SIGNAL_DELAY_SECONDS: "2",
      SETUP_TOKEN: E2E_SETUP_TOKEN,
    },
  },
});
