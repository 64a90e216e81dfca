import { fileURLToPath } from "node:url";

import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";

import * as schema from "../../../db/schema.pg";
import type { Queries, Storage } from "../storage";

import type { PgDb } from "./db.server";
import { boundQueries } from "./queries.server";

const migrationsFolder = fileURLToPath(new URL("../../../db/migrations-pg", import.meta.url));

/**
 * The advisory lock taken while migrations are applied ("Besi" in ASCII): two processes starting together apply them
 * one after the other, and the second finds nothing left to do.
 */
const MIGRATION_LOCK = 0x42657369;

const DEFAULT_STATEMENT_TIMEOUT_MS = 5000;

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
  readonly queries: Queries;

  private readonly db: NodePgDatabase<typeof schema>;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: Pick<PostgresOptions, "statementTimeoutMs" | "onProblem"> = {},
  ) {
    this.db = drizzle(pool, { schema });
    this.queries = boundQueries(this.db);
  }

  /**
   * On a connection of its own, read committed. Not drizzle's pool transaction: a BEGIN that fails there (the
   * server restarting, say) never gives its connection back, and one whose ROLLBACK fails gives back a broken one,
   * so after an outage the pool would run dry and every transaction wait for a connection for good. Here a
   * connection that failed a BEGIN, COMMIT or ROLLBACK is dropped, and the pool opens a fresh one.
   */
  transaction<T>(work: (tx: Queries) => Promise<T>): Promise<T> {
    return this.on("begin", work);
  }

  /** A read-only transaction whose every read sees the moment of its first (repeatable read). */
  snapshot<T>(work: (q: Queries) => Promise<T>): Promise<T> {
    return this.on("begin isolation level repeatable read read only", work);
  }

  /** Runs `work` in a transaction begun with `begin` on a connection of its own (see transaction). */
  private async on<T>(begin: string, work: (tx: Queries) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query(begin).catch((error: Error) => Promise.reject((broken = error)));
      let result: T;
      try {
        result = await work(this.queriesOn(client));
      } catch (error) {
        await client.query("rollback").catch((failed: Error) => (broken = failed));
        throw error;
      }
      await client.query("commit").catch((error: Error) => Promise.reject((broken = error)));
      return result;
    } finally {
      client.release(broken);
    }
  }

  /** The queries on one of the pool's connections, made once per connection (drizzle's handle reads the schema). */
  private queriesOn(client: pg.PoolClient): Queries {
    let queries = this.clientQueries.get(client);
    if (!queries) this.clientQueries.set(client, (queries = boundQueries(drizzle(client, { schema }) as PgDb)));
    return queries;
  }

  private readonly clientQueries = new WeakMap<pg.PoolClient, Queries>();

  /** None: nothing read is kept for later (a write by another process couldn't be seen cheaply). */
  writeMark(): undefined {
    return undefined;
  }

  /** The VACUUM FULL under way, if one is. */
  private emptying: Promise<void> | undefined;
  /** Another was asked for while one was under way. */
  private emptyAgain = false;
  /** The second pass, once every statement older than this call has ended. */
  private laterPass: NodeJS.Timeout | undefined;

  /**
   * Rewrites run_salts into a new file (`VACUUM FULL`, outside any transaction), which empties the old file at once,
   * so a salt the end of a run deleted is in no file any more (decision 050; it never was in the write-ahead log).
   * VACUUM FULL copies a deleted row that a statement begun before the delete may still see, so it runs once more
   * when every such statement of this pool has ended or been cancelled (statementTimeoutMs). A failure is reported
   * and the next call tries again. Old versions of answers stay where they are: Beside can't remove them (decision
   * 050).
   */
  forgetOldVersions(): void {
    this.emptySaltFile();
    clearTimeout(this.laterPass);
    this.laterPass = setTimeout(
      () => {
        this.laterPass = undefined;
        this.emptySaltFile();
      },
      (this.options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS) + 1000,
    );
    this.laterPass.unref();
  }

  /** Resolves once the rewrite of run_salts under way, and any asked for meanwhile, is over (for tests). */
  async settled(): Promise<void> {
    while (this.emptying) await this.emptying;
  }

  private emptySaltFile(): void {
    if (this.emptying) {
      this.emptyAgain = true;
      return;
    }
    this.emptying = this.pool
      .query("vacuum full run_salts")
      .then(
        () => undefined,
        (error: unknown) => this.options.onProblem?.(`run_salts could not be rewritten, a deleted salt may still be in its file: ${String(error)}`),
      )
      .finally(() => {
        this.emptying = undefined;
        if (this.emptyAgain) {
          this.emptyAgain = false;
          this.emptySaltFile();
        }
      });
  }

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

  /**
   * Closes the pool once, however often it is called; the promise resolves when every connection is closed. A second
   * pass of forgetOldVersions still waiting runs first: this pool's own statements are over by then.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.laterPass) {
        clearTimeout(this.laterPass);
        this.laterPass = undefined;
        this.emptySaltFile();
      }
      await this.settled();
      await this.pool.end();
    })();
    return this.closing;
  }
}

/** Opens a pool on `url`, applies db/migrations-pg (one process at a time) and gives the storage on it. */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<PgStorage> {
  const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 2000,
    statement_timeout: statementTimeoutMs,
    query_timeout: statementTimeoutMs + 1000,
  });
  // A connection lost is reported, not thrown: an unhandled 'error' would end the process. The pool hears of those
  // lost while idle; one lost while a transaction holds it (the server restarting mid-transaction) tells its own
  // client, whose queries fail too (the transaction is refused and rolled back with its connection).
  pool.on("error", (error) => options.onProblem?.(`a PostgreSQL connection was lost: ${error.message}`));
  pool.on("connect", (client) => client.on("error", (error) => options.onProblem?.(`a PostgreSQL connection was lost: ${error.message}`)));
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
  return new PgStorage(pool, { statementTimeoutMs, onProblem: options.onProblem });
}
