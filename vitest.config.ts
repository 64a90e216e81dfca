import path from "node:path";

import { defineConfig } from "vitest/config";

const alias = { "~": path.resolve(import.meta.dirname, "app") };

export default defineConfig({
  resolve: { alias },
  test: {
    setupFiles: ["tests/setup/fail-on-console-error.ts"],
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["app/**/*.test.ts", "server/**/*.test.ts", "db/**/*.test.ts", "scripts/**/*.test.ts", "bench/**/*.test.ts", "tests/docs/**/*.test.ts", "deploy/**/*.test.ts"],
          setupFiles: ["tests/setup/fail-on-console-error.ts"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          exclude: ["tests/integration/adversary-*.test.ts"],
          setupFiles: ["tests/setup/fail-on-console-error.ts"],
          globalSetup: ["tests/setup/ensure-build.ts", "tests/setup/postgres.ts"],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // Each file starts real servers; two cores are shared with them.
          maxWorkers: 2,
        },
      },
      {
        resolve: { alias },
        test: {
          // Issue 14: each file plays an attack on participants' anonymity against the real server, and asserts it fails.
          name: "adversary",
          include: ["tests/integration/adversary-*.test.ts"],
          setupFiles: ["tests/setup/fail-on-console-error.ts"],
          globalSetup: ["tests/setup/ensure-build.ts", "tests/setup/postgres.ts"],
          testTimeout: 60_000,
          hookTimeout: 30_000,
          maxWorkers: 2,
        },
      },
    ],
  },
});
