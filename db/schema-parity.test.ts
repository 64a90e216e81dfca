import { getTableColumns, getTableName, is, SQL, Table, type InferInsertModel, type InferSelectModel } from "drizzle-orm";
import { getTableConfig as pgTableConfig, PgDialect, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, SQLiteSyncDialect, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, expectTypeOf, it } from "vitest";

import * as pg from "./schema.pg";
import * as sqlite from "./schema";

/** The tables a schema module exports, by property name. */
function tablesOf(schema: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(schema).filter((entry): entry is [string, Table] => is(entry[1], Table)));
}

type TableConfig = ReturnType<typeof sqliteTableConfig> | ReturnType<typeof pgTableConfig>;

/** The SQL names of a key's or an index's columns (an index on an expression has none). */
const names = (columns: readonly unknown[]) =>
  columns.map((column) => (!is(column, SQL) && typeof column === "object" && column !== null && "name" in column ? String(column.name) : "(an expression)"));

/**
 * What the two backends must share about a table, in terms both cores speak: each column's SQL name, kind of value
 * (string, number, boolean, date, json), enum, nullability and default; the primary key, unique column lists,
 * indexes, foreign keys and checks. The column types themselves differ by design (see db/schema.pg.ts).
 */
function shape(table: Table, config: TableConfig, render: (check: SQL) => string) {
  const singlePrimary = config.columns.filter((column) => column.primary).map((column) => [column.name]);
  return {
    name: config.name,
    columns: Object.fromEntries(
      Object.entries(getTableColumns(table)).map(([property, column]) => [
        property,
        {
          name: column.name,
          dataType: column.dataType,
          enumValues: column.enumValues ?? [],
          notNull: column.notNull,
          hasDefault: column.hasDefault,
          default: column.default,
        },
      ]),
    ),
    primaryKey: [...singlePrimary, ...config.primaryKeys.map((key) => names(key.columns))],
    unique: [
      ...config.columns.filter((column) => column.isUnique).map((column) => [column.name]),
      ...config.uniqueConstraints.map((constraint) => names(constraint.columns)),
    ],
    indexes: config.indexes
      .map((index) => ({ name: index.config.name ?? "", columns: names(index.config.columns), unique: index.config.unique }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    foreignKeys: config.foreignKeys
      .map((key) => {
        const reference = key.reference();
        return {
          columns: names(reference.columns),
          table: getTableName(reference.foreignTable),
          foreignColumns: names(reference.foreignColumns),
          onDelete: key.onDelete ?? "no action",
          onUpdate: key.onUpdate ?? "no action",
        };
      })
      .sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
    checks: config.checks.map((check) => ({ name: check.name, sql: render(check.value) })),
  };
}

const sqliteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();

/**
 * PostgreSQL's only table of its own: a live run's salt, UNLOGGED so it never reaches the write-ahead log (decision
 * 050). SQLite keeps it in runs.response_key_salt, and reads of a run give it under that name on both backends.
 */
const PG_ONLY = ["runSalts"] as const;

const sqliteTables = tablesOf(sqlite);
const pgTables = Object.fromEntries(
  Object.entries(tablesOf(pg)).filter(([property]) => !(PG_ONLY as readonly string[]).includes(property)),
);

describe("db/schema.pg.ts, PostgreSQL's schema", () => {
  it("has the same tables under the same property names as db/schema.ts", () => {
    expect(Object.keys(pgTables).sort()).toEqual(Object.keys(sqliteTables).sort());
    expect(Object.keys(sqliteTables).length).toBeGreaterThan(10);
    for (const property of PG_ONLY) expect(is(tablesOf(pg)[property], PgTable)).toBe(true);
  });

  it.each(Object.keys(sqliteTables))("%s: same name, columns, keys, indexes, foreign keys and checks", (property) => {
    const sqliteTable = sqliteTables[property];
    const pgTable = pgTables[property];
    expect(is(sqliteTable, SQLiteTable)).toBe(true);
    expect(is(pgTable, PgTable)).toBe(true);
    if (!is(sqliteTable, SQLiteTable) || !is(pgTable, PgTable)) return;
    const expected = shape(sqliteTable, sqliteTableConfig(sqliteTable), (check) => sqliteDialect.sqlToQuery(check).sql);
    const actual = shape(pgTable, pgTableConfig(pgTable), (check) => pgDialect.sqlToQuery(check).sql);
    expect(actual).toEqual(expected);
  });

  it("reads and writes rows of the same TypeScript types as db/schema.ts (checked by tsc)", () => {
    type Shared<Schema> = Exclude<keyof Schema, (typeof PG_ONLY)[number]>;
    type Rows<Schema, Model extends "select" | "insert"> = {
      [Name in Shared<Schema> as Schema[Name] extends Table ? Name : never]: Schema[Name] extends Table
        ? Model extends "select"
          ? InferSelectModel<Schema[Name]>
          : InferInsertModel<Schema[Name]>
        : never;
    };
    expectTypeOf<Rows<typeof pg, "select">>().toEqualTypeOf<Rows<typeof sqlite, "select">>();
    expectTypeOf<Rows<typeof pg, "insert">>().toEqualTypeOf<Rows<typeof sqlite, "insert">>();
    expectTypeOf<typeof pg.runs.$inferSelect>().toEqualTypeOf<typeof sqlite.runs.$inferSelect>();
  });
});
