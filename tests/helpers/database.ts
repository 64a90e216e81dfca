import { createHash } from "node:crypto";
import fs from "node:fs";

import Database from "better-sqlite3";

/** Runs a query on a read-only connection to the server's SQLite file. */
export function query<T = Record<string, unknown>>(dbFile: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Runs a statement that changes the file (tests only: to move a run's dates back in time). */
export function execute(dbFile: string, sql: string, ...params: unknown[]): number {
  const db = new Database(dbFile);
  try {
    return db.prepare(sql).run(...params).changes;
  } finally {
    db.close();
  }
}

/** The whole logical content of the database: its schema and every row of every table. */
export function dump(dbFile: string): string {
  const db = new Database(dbFile, { readonly: true });
  try {
    const schema = db.prepare("select type, name, sql from sqlite_master order by type, name").all() as Array<{ type: string; name: string }>;
    const rows = schema
      .filter((entry) => entry.type === "table")
      .map((entry) => ({ table: entry.name, rows: db.prepare(`select * from "${entry.name}"`).raw().all() }));
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
