import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { eq, getTableColumns, getTableName, is } from "drizzle-orm";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { PgTable } from "drizzle-orm/pg-core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import * as pgSchema from "../../db/schema.pg";
import * as sqliteSchema from "../../db/schema";
import { postgresAvailable, startServices, stopServices } from "../../scripts/services-lib";

import { openDatabase } from "~/models/db.server";

/**
 * Issue 20: PostgreSQL's committed migrations (db/migrations-pg) build the tables of db/schema.pg.ts on a fresh
 * cluster, rows come back as the SQLite backend gives them, and applying the migrations again changes nothing.
 */

const available = postgresAvailable();
if (!available) console.warn("postgres-migrations: skipped, PostgreSQL's programs are missing (Debian package postgresql-15).");

const migrationsFolder = fileURLToPath(new URL("../../db/migrations-pg", import.meta.url));

describe.skipIf(!available)("PostgreSQL's migrations", () => {
  let dir: string;
  let pool: pg.Pool | undefined;
  let db: NodePgDatabase<typeof pgSchema>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-pg-"));
    const started = performance.now();
    const { databaseUrl } = await startServices({ dir, postgres: true });
    console.info(`PostgreSQL: a fresh cluster started and its database created in ${Math.round(performance.now() - started)} ms`);
    pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    db = drizzlePg(pool, { schema: pgSchema });
    const migrating = performance.now();
    await migrate(db, { migrationsFolder });
    console.info(`PostgreSQL: migrations applied in ${Math.round(performance.now() - migrating)} ms`);
  });

  afterAll(async () => {
    await pool?.end();
    if (dir) await stopServices(dir);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("builds every table of db/schema.pg.ts with its columns' names, types, nullability and defaults", async () => {
    const { rows } = await pool!.query<{ table_name: string; column_name: string; is_nullable: string; column_default: string | null; type: string }>(`
      select c.table_name, c.column_name, c.is_nullable, c.column_default, format_type(a.atttypid, a.atttypmod) as type
      from information_schema.columns c
      join pg_attribute a on a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass and a.attname = c.column_name
      where c.table_schema = 'public'
      order by c.table_name, c.ordinal_position`);
    const tables: PgTable[] = Object.values(pgSchema).filter((value) => is(value, PgTable));
    const expected = tables
      .flatMap((table): typeof rows =>
        Object.values(getTableColumns(table)).map((column) => ({
          table_name: getTableName(table),
          column_name: column.name,
          is_nullable: column.notNull ? "NO" : "YES",
          column_default: column.default === undefined ? null : typeof column.default === "string" ? `'${column.default}'::text` : String(column.default),
          type: column.getSQLType().replace(" (", "("),
        })),
      )
      .sort((a, b) => a.table_name.localeCompare(b.table_name));
    const byTable = (list: typeof expected) => list.map((row) => `${row.table_name}.${row.column_name}`).sort();
    expect(byTable(rows)).toEqual(byTable(expected));
    expect(rows).toEqual(expect.arrayContaining(expected));
    expect(new Set(rows.map((row) => row.table_name)).size).toBe(tables.length);
  });

  it("keeps the checks and cascades: a k below 3 is refused, and deleting a run deletes its answers", async () => {
    const { planSnapshots, runs, responses } = pgSchema;
    await db.insert(planSnapshots).values({ hash: "h-check", planId: "p", source: "# Plan", createdAt: new Date() });
    const run = { id: "run-check", code: "CHECK1", planId: "p", planHash: "h-check", facilitatorSecretHash: "f-check", startedAt: new Date() };
    await expect(db.insert(runs).values({ ...run, k: 2 })).rejects.toMatchObject({ cause: { constraint: "runs_k_min" } });
    await db.insert(runs).values({ ...run, k: 3 });
    await db.insert(responses).values({ runId: run.id, promptId: "q1", responseKey: "key", passed: false, answer: [1] });
    await db.delete(runs).where(eq(runs.id, run.id));
    expect(await db.select().from(responses).where(eq(responses.runId, run.id))).toEqual([]);
  });

  it("gives back a run, an answer and a setting as the SQLite backend does: dates to the millisecond, booleans, JSON", async () => {
    const snapshot = { hash: "h-round", planId: "p", source: "# Plan", createdAt: new Date("2026-12-07T05:00:00.001Z") };
    const run = {
      id: "run-round",
      code: "ROUND1",
      planId: "p",
      planHash: snapshot.hash,
      facilitatorSecretHash: "f-round",
      responseKeySalt: "salt",
      k: 5,
      paused: true,
      startedAt: new Date("2026-12-07T05:06:07.123Z"),
      countdownEndsAt: new Date("2026-12-07T05:16:07.999Z"),
      countdownSeconds: 600,
      questionsOpen: true,
    };
    const response = { runId: run.id, promptId: "q1", responseKey: "key", passed: false, answer: [2, "a word", 0] };
    const setting = { key: "retention", value: { days: 30, purge: true }, updatedAt: new Date("2026-12-07T05:06:07.000Z") };

    await db.insert(pgSchema.planSnapshots).values(snapshot);
    await db.insert(pgSchema.runs).values(run);
    await db.insert(pgSchema.responses).values(response);
    await db.insert(pgSchema.settings).values(setting);
    const fromPostgres = {
      run: await db.query.runs.findFirst({ where: eq(pgSchema.runs.id, run.id) }),
      response: await db.query.responses.findFirst({ where: eq(pgSchema.responses.runId, run.id) }),
      setting: await db.query.settings.findFirst({ where: eq(pgSchema.settings.key, setting.key) }),
    };

    const sqlite = openDatabase(":memory:");
    try {
      sqlite.db.insert(sqliteSchema.planSnapshots).values(snapshot).run();
      sqlite.db.insert(sqliteSchema.runs).values(run).run();
      sqlite.db.insert(sqliteSchema.responses).values(response).run();
      sqlite.db.insert(sqliteSchema.settings).values(setting).run();
      const fromSqlite = {
        run: sqlite.db.query.runs.findFirst({ where: eq(sqliteSchema.runs.id, run.id) }).sync(),
        response: sqlite.db.query.responses.findFirst({ where: eq(sqliteSchema.responses.runId, run.id) }).sync(),
        setting: sqlite.db.query.settings.findFirst({ where: eq(sqliteSchema.settings.key, setting.key) }).sync(),
      };
      expect(fromPostgres).toEqual(fromSqlite);
    } finally {
      sqlite.close();
    }
    expect(fromPostgres.run).toMatchObject({ ...run, currentSlide: 0, state: "live", blanked: false, endedAt: null, peakParticipants: 0 });
    expect(fromPostgres.run?.startedAt.getTime()).toBe(run.startedAt.getTime());
    expect(fromPostgres.response?.answer).toEqual(response.answer);
    expect(fromPostgres.response?.releasedAnswer).toBeNull();
  });

  it("changes nothing when the migrations are applied again", async () => {
    const schemaOf = async () =>
      (
        await pool!.query(`
          select table_name, column_name, data_type, is_nullable, column_default from information_schema.columns
          where table_schema = 'public' order by table_name, column_name`)
      ).rows;
    const state = async () => ({
      schema: await schemaOf(),
      applied: (await pool!.query("select id, hash from drizzle.__drizzle_migrations order by id")).rows,
      runs: (await pool!.query("select id from runs order by id")).rows,
    });
    const before = await state();
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
    expect(before.applied).toHaveLength(journal.entries.length);
    expect(before.runs).not.toEqual([]);
    await migrate(db, { migrationsFolder });
    expect(await state()).toEqual(before);
  });
});
