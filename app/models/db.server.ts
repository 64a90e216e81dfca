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

/**
 * Copies the write-ahead log into the database file and empties it. The log
 * keeps old page versions in commit order (which answers came when, an
 * ended run's key); after a prompt closes or a run ends, that must not linger.
 */
export function truncateLog(db: Db): void {
  db.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
}
