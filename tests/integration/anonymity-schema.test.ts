import { beforeAll, describe, expect, it } from "vitest";

import { columnsOf, query } from "../helpers/database";
import { useTestServers } from "../helpers/lifecycle";
import type { TestServer } from "../helpers/server";
import { sqliteOnly } from "../helpers/backend";

/**
 * The anonymity model, checked on the schema the migrations build: nothing
 * added for the safety features (moderation, "I'm in", released answers,
 * signals) can store who, from where, or when.
 */
let server: TestServer;

const startServer = useTestServers("file");

const skipped = sqliteOnly("anonymity-schema", "it reads SQLite's schema (sqlite_master, pragma, WITHOUT ROWID)");

beforeAll(async () => {
  if (skipped) return;
  server = await startServer();
});

/** The only times Beside keeps: when a run started and ended and when its text was purged, when a plan text was first used, when a migration ran. */
const ALLOWED_TIME_COLUMNS = [
  "__drizzle_migrations.created_at",
  "plan_snapshots.created_at",
  // The facilitator's: when the countdown on the display ends, and when the current slide came up (the console's timers).
  "runs.countdown_ends_at",
  "runs.ended_at",
  "runs.slide_started_at",
  "runs.started_at",
  "runs.text_purged_at",
];

/** Organisers' and facilitators' own records (accounts, sign-ins, plan versions, courses, settings): never a participant's. */
const STAFF_COLUMNS = [
  "accounts.created_at",
  "accounts.disabled_at",
  "archived_plans.archived_at",
  // An own course: when it was made, and its plans in order (a course's "sessions", not sign-in ones).
  "course_sessions.course_id",
  "course_sessions.plan_id",
  "course_sessions.position",
  "courses.created_at",
  "plan_versions.created_at",
  "plans.created_at",
  "sessions.account_id",
  "sessions.expires_at",
  "sessions.token_hash",
  "settings.updated_at",
];

/** The most phones connected at once: a run's size, one number. */
const RUN_SIZE = "runs.peak_participants";

/**
 * Which process does a run's work and until when (decision 051), and the count of a run's changes its screens are
 * shown in order (decision 052): about processes and the run, never a participant.
 */
const CLUSTER_COLUMNS = ["leases.expires_at", "runs.publish_seq"];

function tables() {
  return query<{ name: string; sql: string }>(server.dbFile, "select name, sql from sqlite_master where type = 'table' order by name");
}

describe.skipIf(skipped)("what the database can hold", () => {
  it("has no column for an address, user agent, device, participant or time anywhere but a run's start, end, purge, current slide and countdown (and plan and migration dates, and when a run's lease runs out)", () => {
    const all = tables().flatMap(({ name }) => columnsOf(server.dbFile, name).map((column) => `${name}.${column}`));
    expect(all.length).toBeGreaterThan(20);
    const suspicious = all.filter((column) => /(_at$|time|date|_ip$|\bip\b|addr|agent|device|socket|user|participant|session|seen|order|seq)/i.test(column));
    expect(suspicious.sort()).toEqual([...ALLOWED_TIME_COLUMNS, ...STAFF_COLUMNS, RUN_SIZE, ...CLUSTER_COLUMNS].sort());
    expect(tables().filter((table) => /signal|participant|device|connection/i.test(table.name))).toEqual([]);
  });

  it("stores responses, moderation decisions and \"I'm in\" with exactly these columns: keys, values, no time", () => {
    expect(columnsOf(server.dbFile, "responses").sort()).toEqual(["answer", "passed", "prompt_id", "released_answer", "response_key", "run_id"]);
    expect(columnsOf(server.dbFile, "moderations").sort()).toEqual(["decision", "prompt_id", "run_id", "value"]);
    expect(columnsOf(server.dbFile, "agreement_acceptances").sort()).toEqual(["acceptance_key", "run_id", "slide_index"]);
  });

  it("stores questions to the facilitator and their votes with exactly these columns, WITHOUT ROWID: a random id, the text, its state and counts, vote keys, and no author or time", () => {
    expect(columnsOf(server.dbFile, "questions").sort()).toEqual(["arriving", "question_id", "released_votes", "run_id", "state", "text"]);
    expect(columnsOf(server.dbFile, "question_votes").sort()).toEqual(["question_id", "run_id", "vote_key"]);
    const byName = new Map(tables().map((table) => [table.name, table.sql]));
    for (const name of ["questions", "question_votes"]) expect(byName.get(name)).toMatch(/\)\s*WITHOUT ROWID\s*$/i);
  });

  it("keeps responses, moderations and agreement_acceptances WITHOUT ROWID, so not even the order rows arrived in is stored", () => {
    const byName = new Map(tables().map((table) => [table.name, table.sql]));
    for (const name of ["responses", "moderations", "agreement_acceptances"]) expect(byName.get(name)).toMatch(/\)\s*WITHOUT ROWID\s*$/i);
  });
});
