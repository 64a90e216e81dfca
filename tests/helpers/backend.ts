import { randomBytes } from "node:crypto";

import pg from "pg";
import { inject } from "vitest";

/**
 * Issue 20: the integration and adversary projects run on SQLite (the default) and, with
 * BESIDE_TEST_BACKEND=postgres (`npm run test:integration:postgres`), on PostgreSQL: tests/setup/postgres.ts starts
 * one throwaway cluster for the run and each test server gets a database of its own, copied from a template that
 * already has the migrations. There a server's `dbFile` is its DATABASE_URL.
 */
export const onPostgres = process.env.BESIDE_TEST_BACKEND === "postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** The cluster's admin database (postgres://beside@127.0.0.1:PORT/beside), in PostgreSQL mode. */
    postgresUrl: string;
    /** The database with the migrations applied that each test database is copied from. */
    postgresTemplate: string;
  }
}

/** True when `database` (a test server's `dbFile`) names a PostgreSQL database rather than a SQLite file. */
export const isPostgresUrl = (database: string) => /^postgres(ql)?:\/\//.test(database);

/**
 * For a test that can't run on PostgreSQL (it reads the SQLite file's bytes, or SQLite's own SQL, or tests what
 * only SQLite has): true in PostgreSQL mode, saying why once, for `describe.skipIf` / `it.skipIf`.
 */
export function sqliteOnly(what: string, reason: string): boolean {
  if (onPostgres) console.warn(`${what}: skipped on PostgreSQL, ${reason}.`);
  return onPostgres;
}

/**
 * The elements of the JSON array in `column`, as a table `alias` with a column `value`, for a test's own query
 * (each backend spells it its own way; cast `value` to what the test compares).
 */
export const jsonElements = (column: string, alias: string) =>
  onPostgres ? `jsonb_array_elements(${column}) ${alias}(value)` : `json_each(${column}) ${alias}`;

/** A fresh database on the run's cluster, copied from the migrated template; its URL. */
export async function freshDatabase(): Promise<string> {
  const admin = inject("postgresUrl");
  if (!admin) throw new Error("BESIDE_TEST_BACKEND=postgres without a cluster: run the project through vitest.config.ts (tests/setup/postgres.ts).");
  const name = `t_${randomBytes(8).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`create database ${name} template ${inject("postgresTemplate")}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The environment that points a server or the command line at `database`: DATABASE_URL or DATABASE_FILE. */
export function storageEnv(database: string): { DATABASE_URL: string } | { DATABASE_FILE: string } {
  return isPostgresUrl(database) ? { DATABASE_URL: database } : { DATABASE_FILE: database };
}

/**
 * A run's response-key salt, for a test's own query on `runs`: its column on SQLite, and on PostgreSQL the unlogged
 * table run_salts (decision 050), where `runs.response_key_salt` is always null.
 */
const saltColumn = { sqlite: "runs.response_key_salt", postgres: "(select salt from run_salts where run_salts.run_id = runs.id)" };
export const runSalt = onPostgres ? saltColumn.postgres : saltColumn.sqlite;

/** The same for a given server's database (its SQLite file or DATABASE_URL), outside the test lanes: the benchmark's. */
export const runSaltOf = (database: string) => (isPostgresUrl(database) ? saltColumn.postgres : saltColumn.sqlite);
