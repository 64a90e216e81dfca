import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The PostgreSQL twin of db/schema.ts (issue 20): the same tables, columns, keys, indexes, checks, foreign keys and
 * defaults, under the same property names, with the same row types. What each table and column means is written in
 * db/schema.ts; only what must not be lost in a change is repeated here. db/schema-parity.test.ts fails when the two
 * drift apart: change both, then `npm run db:generate` writes a migration for each.
 *
 * Types: SQLite's integer in milliseconds becomes timestamptz(3) (a Date either way), its 0/1 integer a boolean, its
 * JSON text jsonb. Postgres's integer is 32 bits where SQLite's is 64: every integer column here is a count, index or
 * version far below 2^31. SQLite's WITHOUT ROWID (decision 002) has no twin: a Postgres row has no row id, but its
 * physical place (ctid) and the id of the transaction that wrote it (xmin) follow the order of writes until a rewrite
 * in key order; decision 050 says what that does and doesn't remove on PostgreSQL, and why a run's salt lives in
 * run_salts, PostgreSQL's only table of its own.
 */

/** A timestamp to the millisecond, read and written as a Date, as SQLite's integer timestamp_ms is. */
const at = (name: string) => timestamp(name, { mode: "date", precision: 3, withTimezone: true });

export const planSnapshots = pgTable("plan_snapshots", {
  hash: text("hash").primaryKey(),
  planId: text("plan_id").notNull(),
  source: text("source").notNull(),
  createdAt: at("created_at").notNull(),
});

/** Organisers and facilitators. Participants never have an account. */
export const accounts = pgTable("accounts", {
  id: text("id").primaryKey(),
  /** Stored lower-case, so sign-in ignores case. */
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  role: text("role", { enum: ["organiser", "facilitator"] }).notNull(),
  passwordHash: text("password_hash").notNull(),
  disabledAt: at("disabled_at"),
  createdAt: at("created_at").notNull(),
  language: text("language"),
});

/** A signed-in browser. Only the SHA-256 of the cookie's token is stored. */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    expiresAt: at("expires_at").notNull(),
  },
  (t) => [index("sessions_account_idx").on(t.accountId)],
);

export const plans = pgTable("plans", {
  id: text("id").primaryKey(),
  clonedFrom: text("cloned_from"),
  createdBy: text("created_by").references(() => accounts.id, { onDelete: "set null" }),
  createdAt: at("created_at").notNull(),
});

/** Never changed once written. */
export const planVersions = pgTable(
  "plan_versions",
  {
    planId: text("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    source: text("source").notNull(),
    hash: text("hash").notNull(),
    valid: boolean("valid").notNull(),
    createdBy: text("created_by").references(() => accounts.id, { onDelete: "set null" }),
    createdAt: at("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.version] })],
);

export const courses = pgTable("courses", {
  id: text("id").primaryKey(),
  title: text("title").notNull(),
  summary: text("summary").notNull(),
  clonedFrom: text("cloned_from"),
  createdBy: text("created_by").references(() => accounts.id, { onDelete: "set null" }),
  createdAt: at("created_at").notNull(),
});

export const courseSessions = pgTable(
  "course_sessions",
  {
    courseId: text("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    planId: text("plan_id")
      .notNull()
      .references(() => plans.id),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.position] })],
);

export const archivedPlans = pgTable("archived_plans", {
  planKey: text("plan_key").primaryKey(),
  archivedAt: at("archived_at").notNull(),
});

export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: at("updated_at").notNull(),
});

export const runs = pgTable(
  "runs",
  {
    id: text("id").primaryKey(),
    code: text("code").notNull().unique(),
    planId: text("plan_id").notNull(),
    planHash: text("plan_hash")
      .notNull()
      .references(() => planSnapshots.hash),
    /** SHA-256 of the facilitator link's secret; the secret itself is never stored. */
    facilitatorSecretHash: text("facilitator_secret_hash").notNull().unique(),
    /**
     * Always NULL on PostgreSQL: a run's salt lives in run_salts (decision 050), and reads of a run give it from there
     * under this name. The column stays so that a run's row is the same on both backends.
     */
    responseKeySalt: text("response_key_salt"),
    k: integer("k").notNull(),
    currentSlide: integer("current_slide").notNull().default(0),
    state: text("state", { enum: ["live", "ended"] }).notNull().default("live"),
    paused: boolean("paused").notNull().default(false),
    startedAt: at("started_at").notNull(),
    slideStartedAt: at("slide_started_at"),
    blanked: boolean("blanked").notNull().default(false),
    countdownEndsAt: at("countdown_ends_at"),
    countdownSeconds: integer("countdown_seconds"),
    endedAt: at("ended_at"),
    textPurgedAt: at("text_purged_at"),
    planVersion: integer("plan_version"),
    startedBy: text("started_by").references(() => accounts.id, { onDelete: "set null" }),
    /** The most phones connected at once: the run's size in history, never who they were. */
    peakParticipants: integer("peak_participants").notNull().default(0),
    questionsOpen: boolean("questions_open").notNull().default(false),
    questionsClosedHere: boolean("questions_closed_here").notNull().default(false),
    publishSeq: integer("publish_seq").notNull().default(0),
  },
  (t) => [check("runs_k_min", sql`${t.k} >= 3`), index("runs_state_idx").on(t.state)],
);

/** A prompt with no row is "pending" too: never opened. */
export const promptPhases = pgTable(
  "prompt_phases",
  {
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    promptId: text("prompt_id").notNull(),
    phase: text("phase", { enum: ["pending", "open", "closed"] }).notNull(),
    revealed: boolean("revealed").notNull().default(false),
    released: boolean("released").notNull().default(false),
    spotlight: text("spotlight"),
  },
  (t) => [primaryKey({ columns: [t.runId, t.promptId] })],
);

/**
 * One row per (run, prompt, response key): the key is a keyed hash of the device's secret and the prompt, so a
 * device can replace its own answer but two answers cannot be linked. No time, order or device data is stored.
 */
export const responses = pgTable(
  "responses",
  {
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    promptId: text("prompt_id").notNull(),
    responseKey: text("response_key").notNull(),
    passed: boolean("passed").notNull(),
    answer: jsonb("answer").$type<Array<number | string>>().notNull(),
    releasedAnswer: jsonb("released_answer").$type<Array<number | string>>(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.promptId, t.responseKey] })],
);

/** Keyed by the text itself, never by who wrote it. */
export const moderations = pgTable(
  "moderations",
  {
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    promptId: text("prompt_id").notNull(),
    value: text("value").notNull(),
    decision: text("decision", { enum: ["approved", "hidden"] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.promptId, t.value] })],
);

/** "I'm in": one row per device and slide, under a key that can't be linked to the device's answers. */
export const agreementAcceptances = pgTable(
  "agreement_acceptances",
  {
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    slideIndex: integer("slide_index").notNull(),
    acceptanceKey: text("acceptance_key").notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.slideIndex, t.acceptanceKey] })],
);

/** A question's id is random, made by the server: nothing in the row says which phone sent it, or when. */
export const questions = pgTable(
  "questions",
  {
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    text: text("text"),
    state: text("state", { enum: ["pending", "approved", "hidden", "answering", "answered"] }).notNull().default("pending"),
    releasedVotes: integer("released_votes").notNull().default(0),
    arriving: boolean("arriving").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.runId, t.questionId] })],
);

/** One row per phone and question, under a key that links to neither the phone's answers nor its other votes. */
export const questionVotes = pgTable(
  "question_votes",
  {
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    voteKey: text("vote_key").notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.questionId, t.voteKey] })],
);

/**
 * PostgreSQL only (decision 050): a live run's response-key salt, in an UNLOGGED table, so it never reaches the
 * write-ahead log. The run's end deletes it, and `PgStorage.forgetOldVersions` rewrites this table into a new file,
 * which empties the old one. A crash empties the table: a live run then takes no more answers, as if it had ended.
 * Drizzle's DSL can't say UNLOGGED: db/migrations-pg/0001_run_salts.sql was written by hand. db/schema-parity.test.ts
 * names it as PostgreSQL's only table of its own.
 */
export const runSalts = pgTable("run_salts", {
  runId: text("run_id")
    .primaryKey()
    .references(() => runs.id, { onDelete: "cascade" }),
  salt: text("salt").notNull(),
});

/**
 * Who does a live run's serialised work (decision 051). UNLOGGED like run_salts: renewed every second, it would
 * otherwise write to the log all session long, and a crash that empties it only makes the processes take their leases
 * again. `expires_at` is a bigint of milliseconds on the database's clock, as on SQLite, so the same code reads both.
 */
export const leases = pgTable("leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  epoch: integer("epoch").notNull(),
  expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
});
