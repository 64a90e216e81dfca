import type { Config } from "~/config/env.server";
import { openDatabase } from "~/models/db.server";

import { openPostgres } from "./postgres/storage.server";
import { SqliteStorage, type SqliteStorageOptions } from "./sqlite.server";
import type { Storage } from "./storage";

/**
 * The storage the configuration names: PostgreSQL at DATABASE_URL when it is set, else the SQLite file DATABASE_FILE
 * (the default). Either way its migrations are applied before it is returned.
 */
export async function openStorage(config: Pick<Config, "DATABASE_FILE" | "DATABASE_URL">, options: SqliteStorageOptions = {}): Promise<Storage> {
  if (config.DATABASE_URL) return openPostgres(config.DATABASE_URL, { onProblem: options.onProblem });
  return new SqliteStorage(openDatabase(config.DATABASE_FILE), options);
}

/** Where the configuration keeps its data, for the log: the SQLite file, or the PostgreSQL host and database (no password). */
export function storageName(config: Pick<Config, "DATABASE_FILE" | "DATABASE_URL">): string {
  if (!config.DATABASE_URL) return config.DATABASE_FILE;
  const url = new URL(config.DATABASE_URL);
  return `postgres://${url.host}${url.pathname}`;
}
