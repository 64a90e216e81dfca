import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";

import Database from "better-sqlite3";
import pg from "pg";

import { postgresProgram } from "../../scripts/services-lib";
import { isPostgresUrl } from "./backend";

/**
 * `dbFile` is a test server's database: its SQLite file, or on the PostgreSQL lane its URL (tests/helpers/backend.ts).
 * `query` and `execute` work on both, synchronously (psql there), with `?` placeholders; a Date parameter is a
 * timestamp, stored as SQLite stores one (milliseconds) or as timestamptz. Rows from PostgreSQL come back as SQLite
 * gives them: a boolean as 1 or 0, a timestamp as milliseconds, JSON as its text. The other helpers read the SQLite
 * file itself and only make sense there.
 */

/** Runs a query on a read-only connection to the server's database. */
export function query<T = Record<string, unknown>>(dbFile: string, sql: string, ...params: unknown[]): T[] {
  if (isPostgresUrl(dbFile)) return postgresQuery(dbFile, sql, params) as T[];
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare(sql).all(...params.map(sqliteValue)) as T[];
  } finally {
    db.close();
  }
}

/** Runs a statement that changes the database (tests only: to move a run's dates back in time); the rows changed. */
export function execute(dbFile: string, sql: string, ...params: unknown[]): number {
  if (isPostgresUrl(dbFile)) {
    const tag = psql(dbFile, withLiterals(sql, params), false).trim().split("\n").at(-1) ?? "";
    const changes = /^(?:UPDATE|DELETE|INSERT \d+) (\d+)$/.exec(tag)?.[1];
    if (changes === undefined) throw new Error(`Not a statement that changes rows (${tag}): ${sql}`);
    return Number(changes);
  }
  const db = new Database(dbFile);
  try {
    return db.prepare(sql).run(...params.map(sqliteValue)).changes;
  } finally {
    db.close();
  }
}

/**
 * `execute` while the server is running: on PostgreSQL through a client of its own, without holding this process up.
 * A statement that waits for a row the server has locked (its purge, say) would wait forever under `execute`: psql
 * runs synchronously, so the server, in this same process, could never finish the transaction it waits for.
 */
export async function executeWhileRunning(dbFile: string, sql: string, ...params: unknown[]): Promise<number> {
  if (!isPostgresUrl(dbFile)) return execute(dbFile, sql, ...params);
  const client = new pg.Client({ connectionString: dbFile });
  await client.connect();
  try {
    return (await client.query(withLiterals(sql, params))).rowCount ?? 0;
  } finally {
    await client.end();
  }
}

const sqliteValue = (value: unknown) => (value instanceof Date ? value.getTime() : value);

/** `sql` with each `?` (outside quotes) replaced by the next parameter as a PostgreSQL literal. */
function withLiterals(sql: string, params: unknown[]): string {
  let next = 0;
  const literal = (value: unknown): string => {
    if (value === null || value === undefined) return "null";
    if (value instanceof Date) return `'${value.toISOString()}'::timestamptz`;
    if (typeof value === "number" || typeof value === "bigint") return String(value);
    if (typeof value === "boolean") return String(value);
    return `'${String(value).replaceAll("'", "''")}'`;
  };
  const replaced = sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (token) => {
    if (token !== "?") return token;
    if (next >= params.length) throw new Error(`Fewer parameters than placeholders: ${sql}`);
    return literal(params[next++]);
  });
  if (next !== params.length) throw new Error(`More parameters than placeholders: ${sql}`);
  return replaced;
}

/** Runs `sql` through psql on `url`; its output, unaligned (`quiet`: without the command tags). */
function psql(url: string, sql: string, quiet = true): string {
  return execFileSync(postgresProgram("psql"), ["-X", "-A", "-t", ...(quiet ? ["-q"] : []), "-v", "ON_ERROR_STOP=1", "-d", url], {
    input: sql,
    encoding: "utf8",
    stdio: ["pipe", "pipe", "pipe"],
  });
}

/** A query on PostgreSQL, through a temporary view that says each column's type, with rows as SQLite gives them. */
function postgresQuery(url: string, sql: string, params: unknown[]): Array<Record<string, unknown>> {
  const output = psql(
    url,
    `create temporary view q as ${withLiterals(sql.trim().replace(/;$/, ""), params)};
select json_build_object(
  'rows', (select coalesce(json_agg(q), '[]') from q),
  'types', (select json_object_agg(attname, atttypid::regtype::text) from pg_attribute where attrelid = 'q'::regclass and attnum > 0));`,
  );
  const { rows, types } = JSON.parse(output) as { rows: Array<Record<string, unknown>>; types: Record<string, string> };
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([column, value]) => [column, sqliteShape(value, types[column] ?? "")])),
  );
}

function sqliteShape(value: unknown, type: string): unknown {
  if (value === null) return null;
  if (type === "boolean") return value ? 1 : 0;
  if (type.startsWith("timestamp")) return new Date(value as string).getTime();
  if (type === "jsonb" || type === "json") return JSON.stringify(value);
  // count(*) and sums are bigint or numeric, which json_agg gives as numbers already.
  return value;
}

/**
 * What a dump reads of a table: every column, but of `leases` not when each runs out, which its holder moves on every
 * second while a run is live (decision 051), whatever a test does.
 */
const dumped = (table: string) => (table === "leases" ? `select name, holder, epoch from "leases"` : `select * from "${table}"`);

/** The whole logical content of the database: its schema and every row of every table (on either backend). */
export function dump(dbFile: string): string {
  if (isPostgresUrl(dbFile)) {
    const schema = query<{ table: string; columns: string; indexes: string }>(
      dbFile,
      `select c.relname as "table",
        (select string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' order by a.attnum)
          from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns,
        (select string_agg(i.indexdef, '; ' order by i.indexname) from pg_indexes i where i.schemaname = 'public' and i.tablename = c.relname) as indexes
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' order by c.relname`,
    );
    const rows = schema.map(({ table }) => ({ table, rows: query(dbFile, dumped(table)).map((row) => Object.values(row)) }));
    return JSON.stringify({ schema, rows });
  }
  const db = new Database(dbFile, { readonly: true });
  try {
    const schema = db.prepare("select type, name, sql from sqlite_master order by type, name").all() as Array<{ type: string; name: string }>;
    const rows = schema
      .filter((entry) => entry.type === "table")
      .map((entry) => ({ table: entry.name, rows: db.prepare(dumped(entry.name)).raw().all() }));
    return JSON.stringify({ schema, rows });
  } finally {
    db.close();
  }
}

/** The raw bytes of the database file and its write-ahead log, to look for text that must be gone. */
export function fileBytes(dbFile: string): string {
  return ["", "-wal"]
    .map((suffix) => `${dbFile}${suffix}`)
    .filter((file) => fs.existsSync(file))
    .map((file) => fs.readFileSync(file).toString("latin1"))
    .join("\n");
}

/**
 * What the database holds, as text to search for what must be kept or gone: on SQLite the bytes of its file and
 * write-ahead log (fileBytes, so a deleted row's text still in a free page is found), on PostgreSQL every stored
 * value (what a delete leaves in PostgreSQL's own files is tests/integration/anonymity-pg.test.ts's subject).
 */
export function storedText(dbFile: string): string {
  return isPostgresUrl(dbFile) ? JSON.stringify(storedCells(dbFile)) : fileBytes(dbFile);
}

/** SHA-256 of the database file and its write-ahead log, byte for byte. */
export function fileHash(dbFile: string): string {
  return createHash("sha256").update(fileBytes(dbFile)).digest("hex");
}

/** Columns of a table, from `pragma table_info`. */
export function columnsOf(dbFile: string, table: string): string[] {
  return query<{ name: string }>(dbFile, "select name from pragma_table_info(?)", table).map((row) => row.name);
}

/** Free-text entries in the order public screens get them: by SHA-256 of run id, prompt id and text. */
export function publicOrder<T extends { text: string }>(runId: string, promptId: string, entries: T[]): T[] {
  const key = (text: string) => createHash("sha256").update(`${runId}\n${promptId}\n${text}`).digest("hex");
  return [...entries].sort((a, b) => (key(a.text) < key(b.text) ? -1 : key(a.text) > key(b.text) ? 1 : 0));
}

/** One stored value: where it is (table, column, row number in the scan) and what it holds. */
export interface StoredCell {
  table: string;
  column: string;
  row: number;
  value: unknown;
}

/** Every value of every column of every table, to look for what must never be stored, or never be shared. */
export function storedCells(dbFile: string): StoredCell[] {
  if (isPostgresUrl(dbFile)) {
    const tables = query<{ name: string }>(dbFile, "select table_name as name from information_schema.tables where table_schema = 'public'");
    return tables.flatMap(({ name }) =>
      query(dbFile, `select * from "${name}"`).flatMap((row, index) =>
        Object.entries(row).map(([column, value]) => ({ table: name, column, row: index, value })),
      ),
    );
  }
  const db = new Database(dbFile, { readonly: true });
  try {
    const tables = db.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>;
    return tables.flatMap(({ name }) =>
      (db.prepare(`select * from "${name}"`).all() as Array<Record<string, unknown>>).flatMap((row, index) =>
        Object.entries(row).map(([column, value]) => ({ table: name, column, row: index, value })),
      ),
    );
  } finally {
    db.close();
  }
}
