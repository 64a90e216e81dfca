import { and, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";

import { questions, questionVotes, runs } from "../../db/schema";
import { preparedQuery, rewriteInKeyOrder, type Db } from "./db.server";

export type QuestionRow = typeof questions.$inferSelect;
export type QuestionState = QuestionRow["state"];

/** The states in which a question has been approved: the room may see it. */
export const APPROVED_STATES = ["approved", "answering", "answered"] as const satisfies readonly QuestionState[];

/**
 * A question with its votes as last released (the stored count is never sent anywhere), and whether it is still on
 * its way to the console (`arriving`: the console doesn't see it yet).
 */
export interface CountedQuestion {
  questionId: string;
  text: string;
  state: QuestionState;
  releasedVotes: number;
  arriving: boolean;
}

/** A phone's question, waiting and on its way to the console (arriving) until markQuestionArrived. */
export function insertQuestion(db: Db, runId: string, questionId: string, text: string) {
  db.insert(questions).values({ runId, questionId, text, arriving: true }).run();
}

/** The question reaches the console (its random delay has passed); false when it was not on its way. */
export function markQuestionArrived(db: Db, runId: string, questionId: string): boolean {
  return (
    db
      .update(questions)
      .set({ arriving: false })
      .where(and(eq(questions.runId, runId), eq(questions.questionId, questionId), eq(questions.arriving, true)))
      .run().changes > 0
  );
}

/** The questions of live runs still on their way to the console: at start-up, their delay (a timer) was lost. */
export function arrivingQuestions(db: Db): Array<{ runId: string; questionId: string }> {
  return db
    .select({ runId: questions.runId, questionId: questions.questionId })
    .from(questions)
    .innerJoin(runs, eq(runs.id, questions.runId))
    .where(and(eq(questions.arriving, true), eq(runs.state, "live")))
    .orderBy(questions.runId, questions.questionId)
    .all();
}

export function getQuestion(db: Db, runId: string, questionId: string): QuestionRow | undefined {
  return db
    .select()
    .from(questions)
    .where(and(eq(questions.runId, runId), eq(questions.questionId, questionId)))
    .get();
}

/**
 * Prepared once: every phone's snapshot reads the run's questions, and building the query cost far more than
 * running it (10,000 phones coming back to a prompt: docs/performance.md).
 */
const runQuestions = preparedQuery((db) =>
  db
    .select({
      questionId: questions.questionId,
      text: questions.text,
      state: questions.state,
      releasedVotes: questions.releasedVotes,
      arriving: questions.arriving,
    })
    .from(questions)
    .where(and(eq(questions.runId, sql.placeholder("runId")), isNotNull(questions.text)))
    .orderBy(questions.questionId)
    .prepare(),
);

/** A run's questions that still have their text, ordered by id (random, so the order says nothing of arrival). */
export function listQuestions(db: Db, runId: string): CountedQuestion[] {
  return runQuestions(db).all({ runId }) as CountedQuestion[];
}

/**
 * A run's approved questions (answered or not) for its report: most released votes first, then by id (random).
 * Their text is null once the retention purge deleted it; the released counts are those the room last saw.
 */
export function approvedQuestions(db: Db, runId: string): Array<{ text: string | null; state: QuestionState; releasedVotes: number }> {
  return db
    .select({ text: questions.text, state: questions.state, releasedVotes: questions.releasedVotes })
    .from(questions)
    .where(and(eq(questions.runId, runId), inArray(questions.state, [...APPROVED_STATES])))
    .orderBy(desc(questions.releasedVotes), questions.questionId)
    .all();
}

/** How many of a run's questions wait for the facilitator, those still on their way to the console included. */
export function countWaitingQuestions(db: Db, runId: string): number {
  return db.get<{ n: number }>(sql`select count(*) as n from ${questions} where run_id = ${runId} and state = 'pending'`)?.n ?? 0;
}

export function setQuestionState(db: Db, runId: string, questionId: string, state: QuestionState) {
  db.update(questions)
    .set({ state })
    .where(and(eq(questions.runId, runId), eq(questions.questionId, questionId)))
    .run();
}

/** Hides every waiting question of the run that has reached the console (not those arriving), in one statement; returns how many. */
export function hideWaitingQuestions(db: Db, runId: string): number {
  return db
    .update(questions)
    .set({ state: "hidden" })
    .where(and(eq(questions.runId, runId), eq(questions.state, "pending"), eq(questions.arriving, false)))
    .run().changes;
}

/** Puts the question being answered now (if any, other than `except`) back among the approved ones. */
export function stopAnswering(db: Db, runId: string, except = "") {
  db.run(sql`update ${questions} set state = 'approved' where run_id = ${runId} and state = 'answering' and question_id <> ${except}`);
}

/** Records an upvote; voting twice counts once. True when this vote is new. */
export function addVote(db: Db, runId: string, questionId: string, voteKey: string): boolean {
  return db.insert(questionVotes).values({ runId, questionId, voteKey }).onConflictDoNothing().run().changes > 0;
}

/** Which of these vote keys are stored (for a phone's own votes: each key is that phone's for one question). */
export function storedVoteKeys(db: Db, runId: string, voteKeys: readonly string[]): Set<string> {
  if (voteKeys.length === 0) return new Set();
  const rows = db
    .select({ voteKey: questionVotes.voteKey })
    .from(questionVotes)
    .where(and(eq(questionVotes.runId, runId), inArray(questionVotes.voteKey, [...voteKeys])))
    .all();
  return new Set(rows.map((row) => row.voteKey));
}

/** Each of a run's questions with its stored votes (never sent anywhere) and its votes as last released. */
export function voteCounts(db: Db, runId: string): Array<{ questionId: string; stored: number; released: number }> {
  return db.all(
    sql`select q.question_id as questionId, q.released_votes as released,
          (select count(*) from ${questionVotes} v where v.run_id = q.run_id and v.question_id = q.question_id) as stored
        from ${questions} q where q.run_id = ${runId}`,
  );
}

/**
 * Releases the votes of these questions: each released count becomes its stored count, in one statement (atomic
 * SQL, never a count carried in memory). Which are due is the question box's decision (QuestionBox.releaseDue).
 */
export function releaseVotes(db: Db, runId: string, questionIds: readonly string[]): number {
  if (questionIds.length === 0) return 0;
  const counted = sql`(select count(*) from ${questionVotes} v where v.run_id = ${questions.runId} and v.question_id = ${questions.questionId})`;
  return db.run(
    sql`update ${questions} set released_votes = ${counted} where run_id = ${runId} and ${inArray(questions.questionId, [...questionIds])}`,
  ).changes;
}

/**
 * At the run's end: the text of every question never approved (waiting or hidden) is deleted; the rows stay. None is
 * left on its way: a question sent just before the end would otherwise stay marked as such.
 */
export function deleteUnapprovedQuestionText(db: Db, runId: string) {
  db.run(sql`update ${questions} set text = null, arriving = 0 where run_id = ${runId} and state in ('pending', 'hidden')`);
}

/** The retention purge: every question's text is deleted; the rows and their votes stay, as counts. */
export function deleteQuestionText(db: Db, runId: string) {
  db.run(sql`update ${questions} set text = null where run_id = ${runId}`);
}

/** Writes a run's questions and votes back in key order (see rewriteInKeyOrder). */
export function rewriteQuestionsInKeyOrder(db: Db, runId: string) {
  rewriteInKeyOrder(db, questions, [questions.runId, questions.questionId], eq(questions.runId, runId));
  rewriteInKeyOrder(db, questionVotes, [questionVotes.runId, questionVotes.questionId, questionVotes.voteKey], eq(questionVotes.runId, runId));
}
