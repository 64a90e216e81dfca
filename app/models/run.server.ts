import { and, eq, isNull, lt, sql } from "drizzle-orm";

import { planSnapshots, promptPhases, runs } from "../../db/schema";
import { preparedQuery, type Db } from "./db.server";

export type RunRow = typeof runs.$inferSelect;
export type PromptPhaseRow = typeof promptPhases.$inferSelect;

/** Stores a plan's exact text once; many runs can share it. */
export function savePlanSnapshot(db: Db, snapshot: { hash: string; planId: string; source: string }, now: Date) {
  db.insert(planSnapshots)
    .values({ ...snapshot, createdAt: now })
    .onConflictDoNothing()
    .run();
}

export function getPlanSnapshot(db: Db, hash: string) {
  return db.select().from(planSnapshots).where(eq(planSnapshots.hash, hash)).get();
}

export function insertRun(db: Db, run: typeof runs.$inferInsert): RunRow {
  return db.insert(runs).values(run).returning().get();
}

export function isCodeTaken(db: Db, code: string): boolean {
  return db.select({ id: runs.id }).from(runs).where(eq(runs.code, code)).get() !== undefined;
}

const runById = preparedQuery((db) => db.select().from(runs).where(eq(runs.id, sql.placeholder("id"))).prepare());
const runByCode = preparedQuery((db) => db.select().from(runs).where(eq(runs.code, sql.placeholder("code"))).prepare());

/** Every answer and every socket event loads its run: a prepared query. */
/**
 * Locks a run's row until the caller's transaction ends, before the transaction reads it: "change" for a command
 * that changes the run or its prompts (it waits for the group commits under way, and they for it), "answer" for a
 * group commit (which doesn't wait for other group commits). So an answer can't be checked against a prompt a
 * command is closing and land after the close. On SQLite there is nothing to lock: a transaction holds the one
 * connection for its whole length (decision 049).
 */
export function lockRun(_db: Db, _runId: string, _purpose: "change" | "answer"): void {}

export function getRunById(db: Db, id: string): RunRow | undefined {
  return runById(db).get({ id });
}

export function getRunByCode(db: Db, code: string): RunRow | undefined {
  return runByCode(db).get({ code });
}

export function getRunBySecretHash(db: Db, facilitatorSecretHash: string): RunRow | undefined {
  return db.select().from(runs).where(eq(runs.facilitatorSecretHash, facilitatorSecretHash)).get();
}

/** Shows slide `index` from `now`; a countdown belongs to the slide it was started on. */
export function setCurrentSlide(db: Db, runId: string, index: number, now: Date) {
  db.update(runs)
    .set({ currentSlide: index, slideStartedAt: now, countdownEndsAt: null, countdownSeconds: null })
    .where(eq(runs.id, runId))
    .run();
}

/** Ends a run and destroys the key behind its response keys. */
export function markRunEnded(db: Db, runId: string, now: Date) {
  db.update(runs)
    .set({ state: "ended", endedAt: now, responseKeySalt: null })
    .where(and(eq(runs.id, runId), eq(runs.state, "live")))
    .run();
}

/** What the room's screens show besides the slide: the break screen, a blanked display, a countdown. */
export type Presentation = Partial<Pick<RunRow, "paused" | "blanked" | "countdownEndsAt" | "countdownSeconds" | "questionsOpen" | "questionsClosedHere">>;

export function setPresentation(db: Db, runId: string, change: Presentation) {
  db.update(runs).set(change).where(eq(runs.id, runId)).run();
}

/** Whether screens see the prompt's released answers (rather than the stored ones). */
export function setReleased(db: Db, runId: string, promptId: string, released: boolean) {
  db.update(promptPhases)
    .set({ released })
    .where(and(eq(promptPhases.runId, runId), eq(promptPhases.promptId, promptId)))
    .run();
}

/** Sets (or clears) the entry a prompt's "read aloud" shows. */
export function setSpotlight(db: Db, runId: string, promptId: string, text: string | null) {
  db.update(promptPhases)
    .set({ spotlight: text })
    .where(and(eq(promptPhases.runId, runId), eq(promptPhases.promptId, promptId)))
    .run();
}

export function clearSpotlights(db: Db, runId: string) {
  db.update(promptPhases).set({ spotlight: null }).where(eq(promptPhases.runId, runId)).run();
}

/** Live runs started before `before`: abandoned, and due to be ended by the retention purge. */
export function liveRunsStartedBefore(db: Db, before: Date): RunRow[] {
  return db
    .select()
    .from(runs)
    .where(and(eq(runs.state, "live"), lt(runs.startedAt, before)))
    .all();
}

/** Ended runs whose free text and words are still kept, ended before `before`. */
export function runsWithTextEndedBefore(db: Db, before: Date): RunRow[] {
  return db
    .select()
    .from(runs)
    .where(and(eq(runs.state, "ended"), isNull(runs.textPurgedAt), lt(runs.endedAt, before)))
    .all();
}

export function markTextPurged(db: Db, runId: string, now: Date) {
  db.update(runs).set({ textPurgedAt: now }).where(eq(runs.id, runId)).run();
}

/** Closes every prompt of a run that is still open (when the run ends). */
export function closeOpenPrompts(db: Db, runId: string) {
  db.update(promptPhases)
    .set({ phase: "closed" })
    .where(and(eq(promptPhases.runId, runId), eq(promptPhases.phase, "open")))
    .run();
}

export function getPromptPhases(db: Db, runId: string): PromptPhaseRow[] {
  return db.select().from(promptPhases).where(eq(promptPhases.runId, runId)).all();
}

const promptPhase = preparedQuery((db) =>
  db
    .select()
    .from(promptPhases)
    .where(and(eq(promptPhases.runId, sql.placeholder("runId")), eq(promptPhases.promptId, sql.placeholder("promptId"))))
    .prepare(),
);

export function getPromptPhase(db: Db, runId: string, promptId: string): PromptPhaseRow | undefined {
  return promptPhase(db).get({ runId, promptId });
}

/** Saves a prompt's phase and reveal; whether it shows released answers, and its read-aloud entry, are kept. */
export function savePromptPhase(db: Db, row: Pick<PromptPhaseRow, "runId" | "promptId" | "phase" | "revealed">) {
  db.insert(promptPhases)
    .values(row)
    .onConflictDoUpdate({
      target: [promptPhases.runId, promptPhases.promptId],
      set: { phase: row.phase, revealed: row.revealed },
    })
    .run();
}

/**
 * One more change the run's screens must see in order (a command, a release that released something, a question's
 * arrival): runs.publish_seq grows by one, in the caller's transaction. Answers and "I'm in" never move it.
 */
export function bumpPublishSeq(db: Db, runId: string) {
  db.update(runs)
    .set({ publishSeq: sql`${runs.publishSeq} + 1` })
    .where(eq(runs.id, runId))
    .run();
}

/** Raises a live run's peak of connected phones; a lower number changes nothing. */
export function raisePeakParticipants(db: Db, runId: string, connected: number) {
  db.update(runs)
    .set({ peakParticipants: connected })
    .where(and(eq(runs.id, runId), eq(runs.state, "live"), lt(runs.peakParticipants, connected)))
    .run();
}
