import fs from "node:fs";
import path from "node:path";

import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";

import * as schema from "../../db/schema";
import { BUSY_TIMEOUT_MS } from "~/models/db.server";
import { SqliteStorage } from "~/storage/sqlite.server";
import { endWithoutPlan } from "./run-engine.server";

export class BackupError extends Error {}

export interface BackupSummary {
  file: string;
  bytes: number;
  runs: number;
  /** Runs live when the copy was taken, ended in the copy. */
  endedInCopy: number;
}

/**
 * An online backup of the database (`npm run backup`, docs/operating.md), safe while the server runs, that holds no
 * live run's key. The database is read in one read transaction, a consistent moment even while answers are being
 * written, straight into memory (`serialize`); there each run still live is ended as the retention purge ends an
 * abandoned one (endWithoutPlan: its key destroyed, its words and text deleted, its rows written back in key order),
 * and the copy is written out whole and compacted (`VACUUM INTO`) to `out`. So the key behind a live run's response
 * keys, and the order its answers arrived in, never reach the backup's file, nor any file on the way. The server's
 * own database is only read.
 */
export async function backUp(databaseFile: string, out: string, now = new Date()): Promise<BackupSummary> {
  if (!fs.existsSync(databaseFile)) throw new BackupError(`There is no database at ${databaseFile} (DATABASE_FILE).`);
  if (fs.existsSync(out)) throw new BackupError(`${out} already exists: a backup never overwrites a file.`);
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const source = new Database(databaseFile, { fileMustExist: true });
  let image: Buffer;
  try {
    source.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    image = source.serialize();
  } finally {
    source.close();
  }
  // The image's header says the file uses a write-ahead log (bytes 18 and 19), which a database in memory can't
  // open: it says the plain rollback journal instead, as a file not in WAL mode does.
  image[18] = 1;
  image[19] = 1;
  const copy = new Database(image);
  const partial = `${out}.partial`;
  let summary: Omit<BackupSummary, "file" | "bytes">;
  try {
    copy.pragma("foreign_keys = ON");
    copy.pragma("secure_delete = ON");
    copy.pragma("temp_store = MEMORY");
    const storage = new SqliteStorage({ db: drizzle(copy, { schema }), sqlite: copy, close: () => copy.close() });
    const live = copy.prepare<[], { id: string }>("select id from runs where state = 'live'").all();
    await storage.transaction(async (tx) => {
      for (const { id } of live) await endWithoutPlan(tx, id, now);
    });
    summary = { runs: (copy.prepare("select count(*) as n from runs").get() as { n: number }).n, endedInCopy: live.length };
    fs.rmSync(partial, { force: true });
    copy.prepare("vacuum into ?").run(partial);
  } finally {
    copy.close();
  }
  try {
    checkBackup(partial);
    const written = fs.openSync(partial, "r+");
    try {
      fs.fsyncSync(written);
    } finally {
      fs.closeSync(written);
    }
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  fs.renameSync(partial, out);
  return { file: out, bytes: fs.statSync(out).size, ...summary };
}

/** The written copy reads back whole, with no run live and no key in it. */
function checkBackup(file: string): void {
  const written = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = written.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new BackupError(`The backup written to ${file} does not read back whole (${String(integrity)}).`);
    const keyed = written.prepare("select count(*) as n from runs where state = 'live' or response_key_salt is not null").get() as { n: number };
    if (keyed.n > 0) throw new BackupError(`The backup written to ${file} still holds a live run's key.`);
  } finally {
    written.close();
  }
}

/** Where `npm run backup` writes when told nowhere: `backups/` beside the database, named by the moment, to the second. */
export function defaultBackupFile(databaseFile: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/\.\d+Z$/, "Z").replaceAll(":", "-");
  return path.join(path.dirname(databaseFile), "backups", `beside-${stamp}.db`);
}
