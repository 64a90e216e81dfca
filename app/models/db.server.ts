import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
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
  sqlite.pragma("busy_timeout = 5000");
  // Overwrite deleted and replaced content, so a changed answer leaves no trace in free pages.
  sqlite.pragma("secure_delete = ON");
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
 * A query prepared once per database handle, then reused. For the queries each answer and each connection run,
 * drizzle building the SQL and SQLite parsing it cost more than running it (see docs/performance.md). A
 * transaction's handle is a new object each time, so inside one the statement is prepared once per transaction.
 */
export function preparedQuery<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let query = cache.get(db);
    if (query === undefined) cache.set(db, (query = build(db)));
    return query;
  };
}

/**
 * Copies the write-ahead log into the database file and empties it. The log
 * keeps old page versions in commit order (which answers came when, an
 * ended run's key); after a prompt closes or a run ends, that must not linger.
 */
export function truncateLog(db: Db): void {
  db.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
}
