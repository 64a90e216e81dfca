import os from "node:os";
import path from "node:path";

import { defineConfig, devices } from "@playwright/test";

import { E2E_SETUP_TOKEN } from "./tests/e2e/helpers";

const basePort = Number(process.env.E2E_PORT ?? 3210);
// Fresh databases per run, outside test-results/ (which Playwright empties). Workers evaluate this file again:
// they inherit the runner's name through the environment, so each lane's tests read its server's database (faults.spec.ts).
const databaseStem = (process.env.E2E_DATABASE_FILE ??= path.join(os.tmpdir(), `beside-e2e-${process.pid}-${Date.now()}`));

/**
 * Three lanes, each its own server on its own database, run side by side: the specs spend most of their time
 * waiting for what a person would see, so lanes side by side cut the suite's time on a 2-core machine. Within a
 * lane, specs run one at a time, as they always have, so no spec shares a server's in-memory limits (sign-in,
 * code guesses, phones per address) with another running at once. Lanes "a" and "b" take the specs named here
 * (about a third of the time each, measured); lane "c" takes every other spec, so a new spec lands somewhere
 * without being listed.
 */
const NAMED_LANES = {
  // Measured in a full run (minutes, on a busy machine): a 13 + course 3.6, b 22.8 − 3.6, c 16.9 (issue 18's specs).
  a: /(faults|organiser|safety|presenting|course|weak-signal)\.spec\.ts$/,
  b: /(accessibility|first-run|slow-3g)\.spec\.ts$/,
};
const SETUP = /setup\.spec\.ts$/;
const LANES = [
  ...Object.entries(NAMED_LANES).map(([name, specs]) => ({ name, specs: { testMatch: specs } })),
  { name: "c", specs: { testIgnore: [...Object.values(NAMED_LANES), SETUP] } },
].map((lane, i) => {
  const port = basePort + i;
  return { ...lane, port, databaseFile: `${databaseStem}-${lane.name}.db`, baseURL: `http://127.0.0.1:${port}` };
});

/** Debian's Chromium (no browser downloads on these machines); CHROMIUM_PATH overrides. */
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const browser = { ...devices["Desktop Chrome"], channel: undefined };

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/playwright",
  // Safety nets, not speed limits: two lanes share two cores, and the machine may be busy with other work.
  timeout: 180_000,
  // A page hydrating and connecting beside other work can take longer than 10 s (seen once: a console not connected in 10 s).
  expect: { timeout: 20_000 },
  workers: LANES.length,
  retries: 0,
  reporter: [["list"]],
  use: {
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
  projects: LANES.flatMap((lane) => [
    // A fresh server has no accounts: the first organiser is set up once, before every other test of the lane.
    {
      name: `setup-${lane.name}`,
      testMatch: SETUP,
      use: { ...browser, baseURL: lane.baseURL },
      metadata: { databaseFile: lane.databaseFile },
    },
    {
      name: `chromium-${lane.name}`,
      ...lane.specs,
      dependencies: [`setup-${lane.name}`],
      workers: 1,
      use: { ...browser, baseURL: lane.baseURL },
      metadata: { databaseFile: lane.databaseFile },
    },
  ]),
  webServer: LANES.map((lane) => ({
    command: "node scripts/ensure-build.mjs && node --import tsx server/index.ts",
    url: `${lane.baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      NODE_ENV: "production",
      PORT: String(lane.port),
      HOST: "127.0.0.1",
      DATABASE_FILE: lane.databaseFile,
      PLANS_DIR: "content/plans",
      LOG_LEVEL: "error",
      // A short delay keeps the real code path (signals reach the console after a random while) without slowing the test.
      SIGNAL_DELAY_SECONDS: "2",
      SETUP_TOKEN: E2E_SETUP_TOKEN,
      // The pseudo-locale (en-XB), for the layout check in it (pseudo-locale.spec.ts): off in production unless set.
      PSEUDO_LOCALE: "on",
    },
  })),
});
