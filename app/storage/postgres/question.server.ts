import { and, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";

import { questions, questionVotes, runs } from "../../../db/schema.pg";
import { APPROVED_STATES, type CountedQuestion, type QuestionRow, type QuestionState } from "~/models/question.server";

import { rewriteInKeyOrder, type PgDb } from "./db.server";

/** app/models/question.server.ts on PostgreSQL: what each query does is written there. */

export async function insertQuestion(db: PgDb, runId: string, questionId: string, text: string) {
  await db.insert(questions).values({ runId, questionId, text, arriving: true });
}

export async function markQuestionArrived(db: PgDb, runId: string, questionId: string): Promise<boolean> {
  const result = await db
    .update(questions)
    .set({ arriving: false })
    .where(and(eq(questions.runId, runId), eq(questions.questionId, questionId), eq(questions.arriving, true)));
  return (result.rowCount ?? 0) > 0;
}

export async function arrivingQuestions(db: PgDb): Promise<Array<{ runId: string; questionId: string }>> {
  return db
    .select({ runId: questions.runId, questionId: questions.questionId })
    .from(questions)
    .innerJoin(runs, eq(runs.id, questions.runId))
    .where(and(eq(questions.arriving, true), eq(runs.state, "live")))
    .orderBy(sql`${questions.runId} collate "C"`, sql`${questions.questionId} collate "C"`);
}

export async function getQuestion(db: PgDb, runId: string, questionId: string): Promise<QuestionRow | undefined> {
  return (
    await db
      .select()
      .from(questions)
      .where(and(eq(questions.runId, runId), eq(questions.questionId, questionId)))
  )[0];
}

/**
 * Ordered by id with `collate "C"` (byte order), as SQLite's default BINARY collation orders text; the database's
 * own collation might order letters of different case or punctuation otherwise.
 */
export async function listQuestions(db: PgDb, runId: string): Promise<CountedQuestion[]> {
  return (await db
    .select({
      questionId: questions.questionId,
      text: questions.text,
      state: questions.state,
      releasedVotes: questions.releasedVotes,
      arriving: questions.arriving,
    })
    .from(questions)
    .where(and(eq(questions.runId, runId), isNotNull(questions.text)))
    .orderBy(sql`${questions.questionId} collate "C"`)) as CountedQuestion[];
}

export async function approvedQuestions(db: PgDb, runId: string): Promise<Array<{ text: string | null; state: QuestionState; releasedVotes: number }>> {
  return db
    .select({ text: questions.text, state: questions.state, releasedVotes: questions.releasedVotes })
    .from(questions)
    .where(and(eq(questions.runId, runId), inArray(questions.state, [...APPROVED_STATES])))
    .orderBy(desc(questions.releasedVotes), sql`${questions.questionId} collate "C"`);
}

export async function countWaitingQuestions(db: PgDb, runId: string): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${questions} where run_id = ${runId} and state = 'pending'`);
  return rows[0]?.n ?? 0;
}

export async function setQuestionState(db: PgDb, runId: string, questionId: string, state: QuestionState) {
  await db
    .update(questions)
    .set({ state })
    .where(and(eq(questions.runId, runId), eq(questions.questionId, questionId)));
}

export async function hideWaitingQuestions(db: PgDb, runId: string): Promise<number> {
  const result = await db
    .update(questions)
    .set({ state: "hidden" })
    .where(and(eq(questions.runId, runId), eq(questions.state, "pending"), eq(questions.arriving, false)));
  return result.rowCount ?? 0;
}

export async function stopAnswering(db: PgDb, runId: string, except = "") {
  await db.execute(sql`update ${questions} set state = 'approved' where run_id = ${runId} and state = 'answering' and question_id <> ${except}`);
}

export async function addVote(db: PgDb, runId: string, questionId: string, voteKey: string): Promise<boolean> {
  const result = await db.insert(questionVotes).values({ runId, questionId, voteKey }).onConflictDoNothing();
  return (result.rowCount ?? 0) > 0;
}

export async function storedVoteKeys(db: PgDb, runId: string, voteKeys: readonly string[]): Promise<Set<string>> {
  if (voteKeys.length === 0) return new Set();
  const rows = await db
    .select({ voteKey: questionVotes.voteKey })
    .from(questionVotes)
    .where(and(eq(questionVotes.runId, runId), inArray(questionVotes.voteKey, [...voteKeys])));
  return new Set(rows.map((row) => row.voteKey));
}

export async function voteCounts(db: PgDb, runId: string): Promise<Array<{ questionId: string; stored: number; released: number }>> {
  const { rows } = await db.execute<{ questionId: string; stored: number; released: number }>(
    sql`select q.question_id as "questionId", q.released_votes as released,
          (select count(*)::int from ${questionVotes} v where v.run_id = q.run_id and v.question_id = q.question_id) as stored
        from ${questions} q where q.run_id = ${runId}`,
  );
  return rows;
}

export async function releaseVotes(db: PgDb, runId: string, questionIds: readonly string[]): Promise<number> {
  if (questionIds.length === 0) return 0;
  const counted = sql`(select count(*) from ${questionVotes} v where v.run_id = ${questions.runId} and v.question_id = ${questions.questionId})`;
  const result = await db.execute(
    sql`update ${questions} set released_votes = ${counted} where run_id = ${runId} and ${inArray(questions.questionId, [...questionIds])}`,
  );
  return result.rowCount ?? 0;
}

export async function deleteUnapprovedQuestionText(db: PgDb, runId: string) {
  await db.execute(sql`update ${questions} set text = null, arriving = false where run_id = ${runId} and state in ('pending', 'hidden')`);
}

export async function deleteQuestionText(db: PgDb, runId: string) {
  await db.execute(sql`update ${questions} set text = null where run_id = ${runId}`);
}

export async function rewriteQuestionsInKeyOrder(db: PgDb, runId: string) {
  await rewriteInKeyOrder(db, questions, [questions.runId, questions.questionId], eq(questions.runId, runId));
  await rewriteInKeyOrder(db, questionVotes, [questionVotes.runId, questionVotes.questionId, questionVotes.voteKey], eq(questionVotes.runId, runId));
}
