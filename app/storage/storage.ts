import type * as account from "~/models/account.server";
import type * as agreement from "~/models/agreement.server";
import type * as course from "~/models/course.server";
import type { Db } from "~/models/db.server";
import type * as history from "~/models/history.server";
import type * as lease from "~/models/lease.server";
import type * as moderation from "~/models/moderation.server";
import type * as plan from "~/models/plan.server";
import type * as question from "~/models/question.server";
import type * as response from "~/models/response.server";
import type * as run from "~/models/run.server";
import type * as settings from "~/models/settings.server";

/**
 * A model module's queries as a backend answers them: the same names and arguments, without the connection, each
 * resolving with what it read or wrote.
 */
export type Asynchronous<Module> = {
  [Name in keyof Module as Module[Name] extends (db: Db, ...args: never[]) => unknown ? Name : never]: Module[Name] extends (
    db: Db,
    ...args: infer Args
  ) => infer Returned
    ? (...args: Args) => Promise<Returned>
    : never;
};

/**
 * What the server asks of storage: runs and their prompts, responses, moderation decisions, the question box and
 * "I'm in" (the run engine); run history; accounts and their sign-ins; own plans and courses; settings; the leases
 * that say which process does a live run's serialised work. The contract is the model modules' functions
 * (app/models), whose names and comments say what each does; a backend answers every one of them.
 */
export type Queries = Asynchronous<typeof run> &
  Asynchronous<typeof response> &
  Asynchronous<typeof moderation> &
  Asynchronous<typeof question> &
  Asynchronous<typeof agreement> &
  Asynchronous<typeof history> &
  Asynchronous<typeof account> &
  Asynchronous<typeof plan> &
  Asynchronous<typeof course> &
  Asynchronous<typeof settings> &
  Asynchronous<typeof lease>;

/**
 * Where runs, accounts, own plans and courses, and settings are kept (decision 049). Every query is asynchronous, so
 * a backend may be a server across a network; a change that must be whole is a `transaction`, which commits
 * everything its work did or, if the work throws, nothing.
 */
export interface Storage {
  /** Queries on their own, outside any transaction: each one sees what is committed. */
  readonly queries: Queries;
  /**
   * Runs `work` in one transaction on `tx` and commits it, or rolls it back if `work` throws. Inside, only `tx` may
   * be used: on SQLite a query on `queries` waits until the transaction is over, so one from the work itself never
   * comes; on PostgreSQL it runs on another connection and waits for any row the transaction has locked.
   */
  transaction<T>(work: (tx: Queries) => Promise<T>): Promise<T>;
  /**
   * Runs `work`'s reads as of one moment, none of them seeing a change committed after the first: the views of one
   * broadcast (a tally's counts and its values, say) must not mix two moments. `work` only reads, and only on `q`,
   * as a transaction's work does.
   */
  snapshot<T>(work: (q: Queries) => Promise<T>): Promise<T>;
  /**
   * A mark that moves whenever anything is written to storage, so that what was read under one mark holds while the
   * mark stays the same; undefined when the backend has no cheap one (then nothing read is kept for later).
   */
  writeMark(): string | undefined;
  /**
   * After a change that removed a key or the order answers came in: lets go of what the backend keeps of the data
   * as it was (SQLite's write-ahead log), now or as soon as it can. The change stands either way.
   */
  forgetOldVersions(): void;
  /** Resolves once the database has answered a trivial query (`/healthz`); rejects when it can't. */
  ping(): Promise<void>;
  /** Whether `error` is the database refusing a second row with the same unique key (an email taken, say). */
  isDuplicate(error: unknown): boolean;
  /** Stops its own work (a retry waiting, say) and closes its connections; once, however often it is called. */
  close(): Promise<void>;
}
