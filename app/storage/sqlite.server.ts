import type Database from "better-sqlite3";

import * as account from "~/models/account.server";
import * as agreement from "~/models/agreement.server";
import * as course from "~/models/course.server";
import { truncateLog, writeMark, type DatabaseHandle } from "~/models/db.server";
import * as history from "~/models/history.server";
import * as lease from "~/models/lease.server";
import * as moderation from "~/models/moderation.server";
import * as plan from "~/models/plan.server";
import * as question from "~/models/question.server";
import * as response from "~/models/response.server";
import * as run from "~/models/run.server";
import * as settings from "~/models/settings.server";

import { bindQueries } from "./bind";
import type { Queries, Storage } from "./storage";

/** The model modules a backend answers for (Queries). */
const MODULES: ReadonlyArray<Record<string, unknown>> = [run, response, moderation, question, agreement, history, account, plan, course, settings, lease];

/** Emptying the write-ahead log is tried again after a second, then after twice as long each time, up to a minute. */
const LOG_RETRY_FIRST_MS = 1000;
const LOG_RETRY_MAX_MS = 60_000;

export interface SqliteStorageOptions {
  onProblem?: (message: string) => void;
  /** Told when something reported to onProblem has come right. */
  onNotice?: (message: string) => void;
  /** The first wait before emptying the write-ahead log is tried again, and the longest (it doubles between tries). */
  logRetryMs?: { first: number; max: number };
}

/**
 * Storage in the embedded SQLite file (the default): one better-sqlite3 connection, whose queries run at once.
 *
 * better-sqlite3 is synchronous and takes a transaction as a function that must not return a promise, so a
 * transaction here is begun and committed by hand, and its work's `await`s are on queries that have already run.
 * On one connection, though, anything else that touched it while a transaction is open would be part of it: so the
 * connection is held, first come first served, by a transaction for its whole length and by each query outside
 * one for its own, and a query outside waits while a transaction holds it (decision 049). A transaction's work
 * awaits only its own queries, so it ends within the turn of the event loop it began in; one still open at the
 * next turn waited for something else (another transaction, say, which would wait for it in turn): it is rolled
 * back and the connection let go, its queries fail from then on, and its caller is told.
 */
export class SqliteStorage implements Storage {
  readonly queries: Queries;
  /** Whether a transaction or a query holds the connection. */
  private held = false;
  /** Who waits for the connection, in the order they came. */
  private readonly waiting: Array<() => void> = [];
  /** The next try at emptying the write-ahead log, while another connection keeps it from being emptied. */
  private logRetry: { timer: NodeJS.Timeout; reported: boolean } | undefined;
  private readonly onProblem: (message: string) => void;
  private readonly onNotice: (message: string) => void;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly options: SqliteStorageOptions = {},
  ) {
    this.onProblem = options.onProblem ?? (() => {});
    this.onNotice = options.onNotice ?? (() => {});
    this.queries = this.bind((query) => this.alone(query));
  }

  transaction<T>(work: (tx: Queries) => Promise<T>): Promise<T> {
    return this.holding("BEGIN IMMEDIATE", work);
  }

  /** A read transaction, the connection held as for any other (nothing else in this process writes meanwhile). */
  snapshot<T>(work: (q: Queries) => Promise<T>): Promise<T> {
    return this.holding("BEGIN", work);
  }

  /** BEGIN, COMMIT and ROLLBACK, each prepared once: a group commit and every broadcast's snapshot use them. */
  private statement(sql: "BEGIN" | "BEGIN IMMEDIATE" | "COMMIT" | "ROLLBACK") {
    let prepared = this.statements.get(sql);
    if (!prepared) this.statements.set(sql, (prepared = this.database.sqlite.prepare(sql)));
    return prepared;
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** Runs `work` in a transaction begun with `begin`, holding the connection until it ends (see the class). */
  private async holding<T>(begin: "BEGIN" | "BEGIN IMMEDIATE", work: (tx: Queries) => Promise<T>): Promise<T> {
    await this.hold();
    const { sqlite } = this.database;
    const transaction = { open: true };
    const expiry = setImmediate(() => {
      if (!transaction.open) return;
      transaction.open = false;
      if (sqlite.inTransaction) this.statement("ROLLBACK").run();
      this.onProblem("a storage transaction waited on something other than its own queries: it was rolled back");
      this.letGo();
    });
    try {
      this.statement(begin).run();
      const result = await work(
        this.bind((query) => {
          if (!transaction.open) throw new Error("storage transaction used after it ended");
          return Promise.resolve(query());
        }),
      );
      if (!transaction.open) throw new Error("storage transaction rolled back: it waited on something other than its own queries");
      this.statement("COMMIT").run();
      return result;
    } catch (error) {
      if (transaction.open && sqlite.inTransaction) this.statement("ROLLBACK").run();
      throw error;
    } finally {
      clearImmediate(expiry);
      if (transaction.open) {
        transaction.open = false;
        this.letGo();
      }
    }
  }

  writeMark(): string {
    return writeMark(this.database.db);
  }

  /**
   * Empties the write-ahead log, without waiting for anyone. While another connection reads the file (a backup,
   * say), the log can't be emptied: it is tried again on a timer, each wait twice the last, until it is done. A
   * reader of a few milliseconds goes unmentioned; one still there at the first try again is reported once, and
   * the end of it too.
   */
  forgetOldVersions(): void {
    void this.alone(() => this.tryTruncateLog()).then((failure) => {
      if (failure === undefined) {
        if (this.logRetry) this.logEmptied();
      } else if (!this.logRetry) {
        this.retryTruncateLog(this.options.logRetryMs?.first ?? LOG_RETRY_FIRST_MS);
      }
    });
  }

  async ping(): Promise<void> {
    await this.alone(() => this.database.sqlite.prepare("select 1").get());
  }

  isDuplicate(error: unknown): boolean {
    return error instanceof Error && "code" in error && error.code === "SQLITE_CONSTRAINT_UNIQUE";
  }

  /** Stops trying to empty the write-ahead log and closes the database (SQLite empties the log as it closes). */
  async close(): Promise<void> {
    this.stopRetrying();
    this.database.close();
  }

  private stopRetrying(): void {
    clearTimeout(this.logRetry?.timer);
    this.logRetry = undefined;
  }

  /** Tries again after `delayMs`; `reported`: the failure has been logged. */
  private retryTruncateLog(delayMs: number, reported = false): void {
    const timer = setTimeout(async () => {
      const failure = await this.alone(() => this.tryTruncateLog());
      if (failure === undefined) return this.logEmptied();
      if (!reported) {
        this.onProblem(
          `the write-ahead log could not be emptied (${failure}): an ended run's key or the order of answers stays in the database files until it is; trying again`,
        );
      }
      this.retryTruncateLog(Math.min(delayMs * 2, this.options.logRetryMs?.max ?? LOG_RETRY_MAX_MS), true);
    }, delayMs);
    // Nothing to wait for at exit: SQLite empties the log itself when the last connection closes.
    timer.unref();
    this.logRetry = { timer, reported };
  }

  /** The log that could not be emptied now is: no more tries (and the report of the failure gets its end). */
  private logEmptied(): void {
    const reported = this.logRetry?.reported;
    this.stopRetrying();
    if (reported) this.onNotice("the write-ahead log was emptied");
  }

  /** Empties the write-ahead log; undefined when it did, or why it could not. */
  private tryTruncateLog(): string | undefined {
    try {
      return truncateLog(this.database.db) ? undefined : "another connection is reading the database";
    } catch (error) {
      return String(error);
    }
  }

  /** A query outside a transaction: at once when the connection is free, else when its turn comes. */
  private alone<T>(query: () => T): Promise<T> {
    if (!this.held) {
      try {
        return Promise.resolve(query());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return this.hold().then(() => {
      try {
        return query();
      } finally {
        this.letGo();
      }
    });
  }

  /** Takes the connection: at once when it is free (nothing to wait for), else in turn. */
  private hold(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the connection to whoever waited longest, or frees it. */
  private letGo(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }

  /** Every model query on this connection, each run through `run`. */
  private bind(run: <T>(query: () => T) => Promise<T>): Queries {
    const db = this.database.db;
    return bindQueries(MODULES, (query, args) => run(() => (query as (...all: unknown[]) => unknown)(db, ...args))) as unknown as Queries;
  }
}
