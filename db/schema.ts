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
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }),
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
  },
  (t) => [primaryKey({ columns: [t.runId, t.promptId, t.responseKey] })],
);
