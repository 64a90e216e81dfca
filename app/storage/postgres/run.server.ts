import { and, eq, getTableColumns, isNull, lt, sql, type SQL } from "drizzle-orm";

import { planSnapshots, promptPhases, runSalts, runs } from "../../../db/schema.pg";
import type { Presentation, PromptPhaseRow, RunRow } from "~/models/run.server";

import type { PgDb } from "./db.server";

/** app/models/run.server.ts on PostgreSQL: what each query does is written there. */

export async function savePlanSnapshot(db: PgDb, snapshot: { hash: string; planId: string; source: string }, now: Date) {
  await db
    .insert(planSnapshots)
    .values({ ...snapshot, createdAt: now })
    .onConflictDoNothing();
}

export async function getPlanSnapshot(db: PgDb, hash: string) {
  return (await db.select().from(planSnapshots).where(eq(planSnapshots.hash, hash)))[0];
}

/**
 * A run's row with its salt, which lives in run_salts (decision 050): an UNLOGGED table, so it never reaches the
 * write-ahead log. runs.response_key_salt itself is always NULL here.
 */
function selectRuns(db: PgDb, where: SQL | undefined): Promise<RunRow[]> {
  return db
    .select({ ...getTableColumns(runs), responseKeySalt: runSalts.salt })
    .from(runs)
    .leftJoin(runSalts, eq(runSalts.runId, runs.id))
    .where(where);
}

export async function insertRun(db: PgDb, run: typeof runs.$inferInsert): Promise<RunRow> {
  const { responseKeySalt, ...row } = run;
  const inserted = (await db.insert(runs).values(row).returning())[0]!;
  if (responseKeySalt) await db.insert(runSalts).values({ runId: inserted.id, salt: responseKeySalt });
  return { ...inserted, responseKeySalt: responseKeySalt ?? null };
}

export async function isCodeTaken(db: PgDb, code: string): Promise<boolean> {
  return (await db.select({ id: runs.id }).from(runs).where(eq(runs.code, code)).limit(1)).length > 0;
}

/** A row lock: FOR UPDATE for a change, FOR SHARE for a group commit, so changes and group commits of one run take turns. */
export async function lockRun(db: PgDb, runId: string, purpose: "change" | "answer"): Promise<void> {
  const locked = db.select({ id: runs.id }).from(runs).where(eq(runs.id, runId));
  await (purpose === "change" ? locked.for("update") : locked.for("share"));
}

export async function getRunById(db: PgDb, id: string): Promise<RunRow | undefined> {
  return (await selectRuns(db, eq(runs.id, id)))[0];
}

export async function getRunByCode(db: PgDb, code: string): Promise<RunRow | undefined> {
  return (await selectRuns(db, eq(runs.code, code)))[0];
}

export async function getRunBySecretHash(db: PgDb, facilitatorSecretHash: string): Promise<RunRow | undefined> {
  return (await selectRuns(db, eq(runs.facilitatorSecretHash, facilitatorSecretHash)))[0];
}

export async function setCurrentSlide(db: PgDb, runId: string, index: number, now: Date) {
  await db
    .update(runs)
    .set({ currentSlide: index, slideStartedAt: now, countdownEndsAt: null, countdownSeconds: null })
    .where(eq(runs.id, runId));
}

/** Also deletes the run's salt; after the commit, PgStorage.forgetOldVersions empties the file it was in. */
export async function markRunEnded(db: PgDb, runId: string, now: Date) {
  await db
    .update(runs)
    .set({ state: "ended", endedAt: now, responseKeySalt: null })
    .where(and(eq(runs.id, runId), eq(runs.state, "live")));
  await db.delete(runSalts).where(eq(runSalts.runId, runId));
}

export async function setPresentation(db: PgDb, runId: string, change: Presentation) {
  await db.update(runs).set(change).where(eq(runs.id, runId));
}

export async function setReleased(db: PgDb, runId: string, promptId: string, released: boolean) {
  await db
    .update(promptPhases)
    .set({ released })
    .where(and(eq(promptPhases.runId, runId), eq(promptPhases.promptId, promptId)));
}

export async function setSpotlight(db: PgDb, runId: string, promptId: string, text: string | null) {
  await db
    .update(promptPhases)
    .set({ spotlight: text })
    .where(and(eq(promptPhases.runId, runId), eq(promptPhases.promptId, promptId)));
}

export async function clearSpotlights(db: PgDb, runId: string) {
  await db.update(promptPhases).set({ spotlight: null }).where(eq(promptPhases.runId, runId));
}

export async function liveRunsStartedBefore(db: PgDb, before: Date): Promise<RunRow[]> {
  return selectRuns(db, and(eq(runs.state, "live"), lt(runs.startedAt, before)));
}

export async function runsWithTextEndedBefore(db: PgDb, before: Date): Promise<RunRow[]> {
  return selectRuns(db, and(eq(runs.state, "ended"), isNull(runs.textPurgedAt), lt(runs.endedAt, before)));
}

export async function markTextPurged(db: PgDb, runId: string, now: Date) {
  await db.update(runs).set({ textPurgedAt: now }).where(eq(runs.id, runId));
}

export async function closeOpenPrompts(db: PgDb, runId: string) {
  await db
    .update(promptPhases)
    .set({ phase: "closed" })
    .where(and(eq(promptPhases.runId, runId), eq(promptPhases.phase, "open")));
}

export async function getPromptPhases(db: PgDb, runId: string): Promise<PromptPhaseRow[]> {
  return db.select().from(promptPhases).where(eq(promptPhases.runId, runId));
}

export async function getPromptPhase(db: PgDb, runId: string, promptId: string): Promise<PromptPhaseRow | undefined> {
  return (
    await db
      .select()
      .from(promptPhases)
      .where(and(eq(promptPhases.runId, runId), eq(promptPhases.promptId, promptId)))
  )[0];
}

export async function savePromptPhase(db: PgDb, row: Pick<PromptPhaseRow, "runId" | "promptId" | "phase" | "revealed">) {
  await db
    .insert(promptPhases)
    .values(row)
    .onConflictDoUpdate({
      target: [promptPhases.runId, promptPhases.promptId],
      set: { phase: row.phase, revealed: row.revealed },
    });
}

export async function bumpPublishSeq(db: PgDb, runId: string) {
  await db
    .update(runs)
    .set({ publishSeq: sql`${runs.publishSeq} + 1` })
    .where(eq(runs.id, runId));
}

export async function raisePeakParticipants(db: PgDb, runId: string, connected: number) {
  await db
    .update(runs)
    .set({ peakParticipants: connected })
    .where(and(eq(runs.id, runId), eq(runs.state, "live"), lt(runs.peakParticipants, connected)));
}
