/**
 * An online backup of Beside's database (DATABASE_FILE), safe while the server runs: `npm run backup [-- FILE]`.
 * Without FILE it writes `backups/beside-<moment>.db` beside the database. A run still live is in the backup as
 * ended at this moment, without its key and its words and text (counts stay): see app/runs/backup.server.ts and
 * docs/operating.md, which also says how to restore one.
 */
import { parseArgs } from "node:util";

import { ConfigError, parseConfig } from "~/config/env.server";
import { BackupError, backUp, defaultBackupFile } from "~/runs/backup.server";

try {
  const { positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: {} });
  if (positionals.length > 1) throw new BackupError("Usage: npm run backup [-- FILE]");
  const config = parseConfig();
  if (config.DATABASE_URL) {
    throw new BackupError("npm run backup copies the SQLite file (DATABASE_FILE). With DATABASE_URL, back up PostgreSQL with pg_dump: see README, Backups.");
  }
  const out = positionals[0] ?? defaultBackupFile(config.DATABASE_FILE);
  const summary = await backUp(config.DATABASE_FILE, out);
  const runs = `${summary.runs} run${summary.runs === 1 ? "" : "s"}`;
  const live =
    summary.endedInCopy === 0
      ? "No run was live."
      : summary.endedInCopy === 1
        ? "1 run was live: it is ended in the backup, without its key, words or text."
        : `${summary.endedInCopy} runs were live: they are ended in the backup, without their keys, words or text.`;
  console.log(`Backed up ${runs} to ${summary.file} (${summary.bytes} bytes). ${live}`);
} catch (error) {
  if (!(error instanceof BackupError || error instanceof ConfigError || (error instanceof TypeError && "code" in error))) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
