import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import Database from "better-sqlite3";
import { getTableColumns, getTableName, sql, type SQL } from "drizzle-orm";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";

import * as schema from "../../db/schema";

export type Db = BetterSQLite3Database<typeof schema>;

export interface DatabaseHandle {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

const migrationsFolder = fileURLToPath(new URL("../../db/migrations", import.meta.url));

/**
 * How long a statement waits, blocking the event loop, for a lock another process holds (Beside's own
 * `npm run account` writes for milliseconds) before it fails. The log's truncation never waits: see truncateLog.
 */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if needed) the SQLite file and applies the committed migrations.
 * WAL with synchronous=FULL: an acknowledged answer survives a host crash, and
 * answers are committed in small groups so that this stays cheap.
 */
export function openDatabase(file: string): DatabaseHandle {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Overwrite deleted and replaced content, so a changed answer leaves no trace in free pages.
  sqlite.pragma("secure_delete = ON");
  // Temporary tables (rewriteInKeyOrder's) and sorts stay in memory, never in a file beside the database.
  sqlite.pragma("temp_store = MEMORY");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return {
    db,
    sqlite,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}

/**
 * A query prepared once per connection, then reused. For the queries each answer and each connection run, drizzle
 * building the SQL and SQLite parsing it cost more than running it (see docs/performance.md). Keyed by drizzle's
 * session, which a transaction's handle shares with the database's (the same SQLite connection), so a query
 * prepared outside a transaction serves inside one too, and a group commit prepares nothing.
 */
export function preparedQuery<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<object, T>();
  return (db) => {
    // `session` is drizzle's runtime field (marked internal in its types); a handle without one is its own key.
    const key = (db as unknown as { session?: object }).session ?? db;
    let query = cache.get(key);
    if (query === undefined) cache.set(key, (query = build(db)));
    return query;
  };
}

const writeMarks = new WeakMap<object, { get(): unknown }>();

/**
 * A mark that moves whenever anything is written to the database: this connection's count of rows changed, and
 * SQLite's data version, which moves when another connection commits. The same mark twice means nothing was
 * written in between, so what was read from it then still holds. Only for the database's own handle, not a
 * transaction's.
 */
export function writeMark(db: Db): string {
  let statement = writeMarks.get(db);
  if (statement === undefined) {
    // drizzle keeps its better-sqlite3 connection as $client (not in the Db type).
    const client = (db as Db & { $client: Database.Database }).$client;
    statement = client.prepare("select total_changes() as changes, (select data_version from pragma_data_version) as version");
    writeMarks.set(db, statement);
  }
  const { changes, version } = statement.get() as { changes: number; version: number };
  return `${changes}:${version}`;
}

/**
 * Copies the write-ahead log into the database file and empties it, without waiting: true when it did. The log
 * keeps old page versions in commit order (which answers came when, an ended run's key); after a prompt closes or
 * a run ends, that must not linger. While another connection (a backup, a report, a second process) reads an older
 * version of the file, neither can be done: SQLite answers busy rather than failing, and waiting for the reader
 * would block the event loop for the whole busy timeout, so it is not waited for here; the caller tries again.
 */
export function truncateLog(db: Db): boolean {
  db.run(sql`PRAGMA busy_timeout = 0`);
  try {
    const result = db.get<{ busy: number; log: number; checkpointed: number }>(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
    return result?.busy === 0;
  } finally {
    db.run(sql.raw(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`));
  }
}

/**
 * Deletes the rows `where` selects and writes them back in the order of `key`, their primary key, in the caller's
 * transaction. SQLite places the cells of a page in the order they were written, so a page keeps the order in which
 * answers arrived even in a WITHOUT ROWID table; written back in key order (keyed hashes, unrelated to arrival),
 * they keep none. With secure_delete the cells' old bytes are zeroed, in the page and in freed pages alike.
 * The rows wait in a temporary table of this connection, read into it in key order and written back in the order
 * they were read (its rowid): values come back exactly as stored (its columns have no type, so no conversion), and
 * SQLite copies them itself. The temporary database is held in memory (temp_store, openDatabase), so it never
 * reaches a file, and is emptied before the transaction ends. 10,000 rows take about 15 ms, half what the earlier
 * round trip through one JSON array took (decision 044).
 */
export function rewriteInKeyOrder(db: Db, table: SQLiteTable, key: SQLiteColumn[], where: SQL): void {
  const names = Object.values(getTableColumns(table)).map((column) => column.name);
  const columns = sql.join(
    names.map((name) => sql.identifier(name)),
    sql`, `,
  );
  const held = sql.identifier(`rewrite_${getTableName(table)}`);
  const order = sql.join(
    key.map((column) => sql.identifier(column.name)),
    sql`, `,
  );
  db.run(sql`create temp table if not exists ${held} (${columns})`);
  // Empty already (emptied below, or rolled back with a transaction that failed); made sure of, as whatever it
  // held would be written into the table with these rows.
  db.run(sql`delete from temp.${held}`);
  const read = db.run(sql`insert into temp.${held} (${columns}) select ${columns} from ${table} where ${where} order by ${order}`);
  if (read.changes === 0) return;
  db.run(sql`delete from ${table} where ${where}`);
  db.run(sql`insert into ${table} (${columns}) select ${columns} from temp.${held} order by rowid`);
  db.run(sql`delete from temp.${held}`);
}
