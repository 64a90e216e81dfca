import type * as sqliteAccount from "~/models/account.server";
import type * as sqliteAgreement from "~/models/agreement.server";
import type * as sqliteCourse from "~/models/course.server";
import type * as sqliteHistory from "~/models/history.server";
import type * as sqliteLease from "~/models/lease.server";
import type * as sqliteModeration from "~/models/moderation.server";
import type * as sqlitePlan from "~/models/plan.server";
import type * as sqliteQuestion from "~/models/question.server";
import type * as sqliteResponse from "~/models/response.server";
import type * as sqliteRun from "~/models/run.server";
import type * as sqliteSettings from "~/models/settings.server";

import { bindQueries } from "../bind";
import type { Asynchronous, Queries } from "../storage";

import * as account from "./account.server";
import * as agreement from "./agreement.server";
import * as course from "./course.server";
import type { PgDb } from "./db.server";
import * as history from "./history.server";
import * as lease from "./lease.server";
import * as moderation from "./moderation.server";
import * as plan from "./plan.server";
import * as question from "./question.server";
import * as response from "./response.server";
import * as run from "./run.server";
import * as settings from "./settings.server";

/** A PostgreSQL module's queries on a handle bound: the same names and arguments, without the handle. */
type Bound<Module> = {
  [Name in keyof Module as Module[Name] extends (db: PgDb, ...args: never[]) => unknown ? Name : never]: Module[Name] extends (
    db: PgDb,
    ...args: infer Args
  ) => infer Returned
    ? (...args: Args) => Returned
    : never;
};

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** True when a PostgreSQL module answers exactly its SQLite twin's queries: the same names, arguments and results. */
type Twin<Pg, Sqlite> = Same<keyof Bound<Pg>, keyof Asynchronous<Sqlite>> extends true ? Same<Bound<Pg>, Asynchronous<Sqlite>> : false;

/** Proven at compile time, module by module: a name, an argument or a result that differs makes one of these false. */
export const TWINS: Record<string, true> = {
  run: true satisfies Twin<typeof run, typeof sqliteRun>,
  response: true satisfies Twin<typeof response, typeof sqliteResponse>,
  moderation: true satisfies Twin<typeof moderation, typeof sqliteModeration>,
  question: true satisfies Twin<typeof question, typeof sqliteQuestion>,
  agreement: true satisfies Twin<typeof agreement, typeof sqliteAgreement>,
  account: true satisfies Twin<typeof account, typeof sqliteAccount>,
  plan: true satisfies Twin<typeof plan, typeof sqlitePlan>,
  course: true satisfies Twin<typeof course, typeof sqliteCourse>,
  history: true satisfies Twin<typeof history, typeof sqliteHistory>,
  settings: true satisfies Twin<typeof settings, typeof sqliteSettings>,
  lease: true satisfies Twin<typeof lease, typeof sqliteLease>,
};

/** Every model module's queries on PostgreSQL (app/models has their SQLite twins, and what each does). */
const MODULES: ReadonlyArray<Record<string, unknown>> = [run, response, moderation, question, agreement, account, plan, course, history, settings, lease];

/** Every query on `db` (the pool's handle, or a transaction's). */
export function boundQueries(db: PgDb): Queries {
  return bindQueries(MODULES, (query, args) => Promise.resolve((query as (db: PgDb, ...args: unknown[]) => unknown)(db, ...args))) as unknown as Queries;
}
