import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The exact plan text a run used, keyed by its SHA-256. A run keeps working
 * (and its report keeps its meaning) even when the plan file changes later.
 */
export const planSnapshots = sqliteTable("plan_snapshots", {
  hash: text("hash").primaryKey(),
  planId: text("plan_id").notNull(),
  source: text("source").notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

export const runs = sqliteTable(
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
     * Key for the per-prompt response keys. Cleared when the run ends, so that
     * afterwards not even a device's own secret can find its answers.
     */
    responseKeySalt: text("response_key_salt"),
    k: integer("k").notNull(),
    currentSlide: integer("current_slide").notNull().default(0),
    state: text("state", { enum: ["live", "ended"] }).notNull().default("live"),
    /** True while displays and phones show the break screen. */
    paused: integer("paused", { mode: "boolean" }).notNull().default(false),
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }),
    /** When the retention purge deleted the run's free text and words (counts stay). */
    textPurgedAt: integer("text_purged_at", { mode: "timestamp_ms" }),
  },
  (t) => [check("runs_k_min", sql`${t.k} >= 3`), index("runs_state_idx").on(t.state)],
);

/** A prompt with no row is "pending" too: never opened. */
export const promptPhases = sqliteTable(
  "prompt_phases",
  {
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    promptId: text("prompt_id").notNull(),
    phase: text("phase", { enum: ["pending", "open", "closed"] }).notNull(),
    revealed: integer("revealed", { mode: "boolean" }).notNull().default(false),
    /**
     * True while screens see the prompt's released answers (responses.released_answer)
     * rather than the stored ones: from a reveal while answers are open, and after
     * closing when fewer than k answers arrived since the last release (they are held back).
     */
    released: integer("released", { mode: "boolean" }).notNull().default(false),
    /** The approved entry the display shows on its own ("read aloud"); cleared when the run ends. */
    spotlight: text("spotlight"),
  },
  (t) => [primaryKey({ columns: [t.runId, t.promptId] })],
);

/**
 * One row per (run, prompt, response key). The key is a keyed hash of the
 * device's secret and the prompt, so a device can replace its own answer but
 * two answers cannot be linked. No time, order or device data is stored; the
 * table is WITHOUT ROWID (see the migration) so not even insertion order is.
 */
export const responses = sqliteTable(
  "responses",
  {
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    promptId: text("prompt_id").notNull(),
    responseKey: text("response_key").notNull(),
    passed: integer("passed", { mode: "boolean" }).notNull(),
    /** A JSON array of the chosen option indexes, the scale value, the words or the text; [] for a pass. */
    answer: text("answer", { mode: "json" }).$type<Array<number | string>>().notNull(),
    /**
     * While the prompt is open: this response as last released to screens
     * (null: not yet). Results move only when at least k responses changed
     * since the last release. Cleared when the prompt closes.
     */
    releasedAnswer: text("released_answer", { mode: "json" }).$type<Array<number | string>>(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.promptId, t.responseKey] })],
);

/**
 * The facilitator's decision on a free-text entry or a word-cloud word. Open
 * text with no row is pending (never shown); a word with no row is shown.
 * Keyed by the text itself, never by who wrote it.
 */
export const moderations = sqliteTable(
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

/**
 * "I'm in" on an agreement slide: one row per device and slide, under a key
 * made like a response key, so it can't be linked to the device's answers.
 */
export const agreementAcceptances = sqliteTable(
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
