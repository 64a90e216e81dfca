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

/** Organisers and facilitators. Participants never have an account. */
export const accounts = sqliteTable("accounts", {
  id: text("id").primaryKey(),
  /** Stored lower-case, so sign-in ignores case. */
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  role: text("role", { enum: ["organiser", "facilitator"] }).notNull(),
  /** scrypt, in the form scrypt$N$r$p$salt$hash (see app/auth/password.server.ts). */
  passwordHash: text("password_hash").notNull(),
  /** A disabled account can't sign in; its runs keep its name in history. */
  disabledAt: integer("disabled_at", { mode: "timestamp_ms" }),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  /** The language the account's staff pages and console speak (a tag of LANGUAGES); null is English. */
  language: text("language"),
});

/** A signed-in browser. Only the SHA-256 of the cookie's token is stored. */
export const sessions = sqliteTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("sessions_account_idx").on(t.accountId)],
);

/** An organisation's own plan. Its text lives in plan_versions; built-in plans are files in content/plans. */
export const plans = sqliteTable("plans", {
  /** "own_" and random letters: the underscore keeps it apart from built-in plan ids, which can't contain one. */
  id: text("id").primaryKey(),
  /** The plan and version it was cloned from, as "key@version" (or "key@hash" for a built-in plan). */
  clonedFrom: text("cloned_from"),
  createdBy: text("created_by").references(() => accounts.id, { onDelete: "set null" }),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * Every saved version of an own plan, never changed once written. An invalid
 * version is a draft: readable and editable, never started.
 */
export const planVersions = sqliteTable(
  "plan_versions",
  {
    planId: text("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    source: text("source").notNull(),
    /** SHA-256 of the source, the same hash plan_snapshots and runs use. */
    hash: text("hash").notNull(),
    valid: integer("valid", { mode: "boolean" }).notNull(),
    createdBy: text("created_by").references(() => accounts.id, { onDelete: "set null" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.version] })],
);

/**
 * An organisation's own course: an ordered list of its own plans (course_sessions),
 * made by cloning a built-in course from content/courses.
 */
export const courses = sqliteTable("courses", {
  /** "own_" and random letters, like an own plan's id: apart from built-in course ids, which can't contain an underscore. */
  id: text("id").primaryKey(),
  title: text("title").notNull(),
  summary: text("summary").notNull(),
  /** The course it was cloned from, by its key. */
  clonedFrom: text("cloned_from"),
  createdBy: text("created_by").references(() => accounts.id, { onDelete: "set null" }),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/** An own course's sessions in order: position 1, 2, … each an own plan. */
export const courseSessions = sqliteTable(
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

/** Plans taken out of the library's main list, built-in or own, by library key. */
export const archivedPlans = sqliteTable("archived_plans", {
  planKey: text("plan_key").primaryKey(),
  archivedAt: integer("archived_at", { mode: "timestamp_ms" }).notNull(),
});

/** The organisation's settings, one JSON value per key (see app/settings). A missing key takes its default. */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value", { mode: "json" }).notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
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
    /** When the current slide came on screen, for the console's timers; null until the first change of slide. */
    slideStartedAt: integer("slide_started_at", { mode: "timestamp_ms" }),
    /** True while the facilitator has blanked the audience display (phones carry on). */
    blanked: integer("blanked", { mode: "boolean" }).notNull().default(false),
    /** A countdown on the display for an exercise: when it ends and how long it was. Cleared with each change of slide. */
    countdownEndsAt: integer("countdown_ends_at", { mode: "timestamp_ms" }),
    countdownSeconds: integer("countdown_seconds"),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }),
    /** When the retention purge deleted the run's free text and words (counts stay). */
    textPurgedAt: integer("text_purged_at", { mode: "timestamp_ms" }),
    /** The version of an organisation's own plan the run used (null for a built-in plan: plan_hash says which text). */
    planVersion: integer("plan_version"),
    /** The account that started the run; null for runs started before accounts existed, or once the account is deleted. */
    startedBy: text("started_by").references(() => accounts.id, { onDelete: "set null" }),
    /** The most phones connected at once: the run's size in history, never who they were. */
    peakParticipants: integer("peak_participants").notNull().default(0),
    /** True while the facilitator keeps the question box open all session long (a slide can open it too: `questions: open`). */
    questionsOpen: integer("questions_open", { mode: "boolean" }).notNull().default(false),
    /** True while the facilitator has closed the box on the slide on screen, though its plan opens it; cleared with each change of slide. */
    questionsClosedHere: integer("questions_closed_here", { mode: "boolean" }).notNull().default(false),
    /**
     * Counts the run's changes that screens must see in order (commands, releases, a question's arrival), so that a
     * process delivering a publish can drop one older than what a screen already has (issue 20). A counter, no time.
     */
    publishSeq: integer("publish_seq").notNull().default(0),
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

/**
 * A question to the facilitator from the question box. Its id is random, made by the server: nothing in the row
 * says which phone sent it, or when. Only an approved question (approved, answering, answered) reaches a display
 * or phone. Its text is deleted as open text's is: at the run's end unless approved, at retention in any case
 * (the row and its votes stay, as counts).
 */
export const questions = sqliteTable(
  "questions",
  {
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    /** null once deleted (see above). */
    text: text("text"),
    state: text("state", { enum: ["pending", "approved", "hidden", "answering", "answered"] }).notNull().default("pending"),
    /** The votes as last released to screens: it moves only once at least k more have come in (decision 036). */
    releasedVotes: integer("released_votes").notNull().default(0),
    /**
     * True from a question's sending until its random delay has passed (decision 036): until then the console does not
     * see it, so its arrival can't be matched to a phone by its moment. A flag, never a time.
     */
    arriving: integer("arriving", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.runId, t.questionId] })],
);

/**
 * An upvote of a question: one row per phone and question, under a key made like a response key from the phone's
 * secret and the question's id in a namespace of its own, so it links to neither the phone's answers nor its
 * other votes nor its own questions.
 */
export const questionVotes = sqliteTable(
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
 * Who does a live run's serialised work (issue 20, decision 051): the process whose lease on the run's id (or on
 * `~maintenance` for the retention purge) has not expired. `epoch` grows with each change of holder, so a holder that
 * lost the lease can tell. `expires_at` is in milliseconds on the database's clock. Nothing here is about a participant.
 */
export const leases = sqliteTable("leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  epoch: integer("epoch").notNull(),
  expiresAt: integer("expires_at").notNull(),
});
