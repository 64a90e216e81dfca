/**
 * `npm run test:integration:postgres` and `test:adversary:postgres`: the project named runs again on PostgreSQL
 * (BESIDE_TEST_BACKEND=postgres, tests/setup/postgres.ts). Where PostgreSQL's programs are missing the lane says so
 * and succeeds: the SQLite runs are the README's `npm test` on any machine.
 */
import { spawnSync } from "node:child_process";

import { postgresAvailable } from "./services-lib";

const project = process.argv[2];
if (!project) throw new Error("Usage: node --import tsx scripts/test-postgres-lane.ts PROJECT [vitest arguments…]");
if (!postgresAvailable()) {
  console.log(
    `The ${project} tests on PostgreSQL are skipped: PostgreSQL's programs are missing (install Debian's package postgresql-15, or set PG_BIN).`,
  );
  process.exit(0);
}
const result = spawnSync("npx", ["vitest", "run", "--project", project, ...process.argv.slice(3)], {
  stdio: "inherit",
  env: { ...process.env, BESIDE_TEST_BACKEND: "postgres" },
});
process.exit(result.status ?? 1);
