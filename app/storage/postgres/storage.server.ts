import { fileURLToPath } from "node:url";

import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";

import * as schema from "../../../db/schema.pg";
import type { Storage } from "../storage";

import type { PgDb } from "./db.server";
import { boundQueries, type PgQueries } from "./queries.server";

const migrationsFolder = fileURLToPath(new URL("../../../db/migrations-pg", import.meta.url));

/**
 * The advisory lock taken while migrations are applied ("Besi" in ASCII): two processes starting together apply them
 * one after the other, and the second finds nothing left to do.
 */
const MIGRATION_LOCK = 0x42657369;

export interface PostgresOptions {
  /** The most connections the pool opens (10 unless told). */
  max?: number;
  /** How long to wait for a connection before refusing (2 s unless told). */
  connectionTimeoutMs?: number;
  /**
   * How long a statement may run before PostgreSQL cancels it (5 s unless told); the client gives up a second later
   * still, for a server that stopped answering. An outage refuses a query instead of leaving it hanging.
   */
  statementTimeoutMs?: number;
  /** Told of a connection the pool lost while it was idle (the server restarted, say). */
  onProblem?: (message: string) => void;
}

/**
 * Storage in a PostgreSQL database (issue 20): a pool of connections, each query on whichever is free, a transaction
 * on one of its own (read committed, drizzle's). Unlike SqliteStorage, a query outside a transaction doesn't wait
 * for one that is open: it runs on another connection and sees what is committed. A transaction's work must still
 * use only its `tx` (decision 049): a query outside on a row the transaction has locked would wait for it.
 */
export class PgStorage implements Storage {
  readonly queries: PgQueries;

  constructor(
    private readonly pool: pg.Pool,
    private readonly db: NodePgDatabase<typeof schema> = drizzle(pool, { schema }),
  ) {
    this.queries = boundQueries(db);
  }

  transaction<T>(work: (tx: PgQueries) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(boundQueries(tx as PgDb)));
  }

  /** None: nothing read is kept for later (a write by another process couldn't be seen cheaply). */
  writeMark(): undefined {
    return undefined;
  }

  /**
   * Nothing yet. PostgreSQL keeps a changed or deleted row's old version in the table's pages until vacuum reclaims
   * it, and its write-ahead log as long as its settings say; what it must do after a rewrite in key order or a run's
   * end is the anonymity decision for PostgreSQL, issue 20 part 4.
   */
  forgetOldVersions(): void {}

  async ping(): Promise<void> {
    await this.pool.query("select 1");
  }

  /** PostgreSQL's unique_violation (SQLSTATE 23505), as pg reports it or drizzle wraps it. */
  isDuplicate(error: unknown): boolean {
    for (let cause = error; cause instanceof Error; cause = cause.cause) {
      if ("code" in cause && cause.code === "23505") return true;
    }
    return false;
  }

  private closing: Promise<void> | undefined;

  /** Closes the pool once, however often it is called; the promise resolves when every connection is closed. */
  close(): Promise<void> {
    this.closing ??= this.pool.end();
    return this.closing;
  }
}

/** Opens a pool on `url`, applies db/migrations-pg (one process at a time) and gives the storage on it. */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<PgStorage> {
  const statementTimeoutMs = options.statementTimeoutMs ?? 5000;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 2000,
    statement_timeout: statementTimeoutMs,
    query_timeout: statementTimeoutMs + 1000,
  });
  // A connection lost while idle is reported, not thrown: an unhandled 'error' would end the process.
  pool.on("error", (error) => options.onProblem?.(`a PostgreSQL connection was lost: ${error.message}`));
  try {
    const client = await pool.connect();
    try {
      await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
      try {
        await migrate(drizzle(client, { schema }), { migrationsFolder });
      } finally {
        await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]);
      }
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PgStorage(pool);
}
