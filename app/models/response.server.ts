import { and, eq, isNotNull, sql } from "drizzle-orm";

import { responses } from "../../db/schema";
import type { StoredAnswer } from "~/runs/answers";
import type { StoredCounts, ValueCount } from "~/domain/tally";
import { preparedQuery, rewriteInKeyOrder, type Db } from "./db.server";

export interface ResponseWrite {
  runId: string;
  promptId: string;
  responseKey: string;
  answer: StoredAnswer;
  /** Sent over a connection made after the prompt opened (never stored: marked in the engine's RunMarks, marks.server.ts). */
  late?: boolean;
}

const upsert = preparedQuery((db) =>
  db
    .insert(responses)
    .values({
      runId: sql.placeholder("runId"),
      promptId: sql.placeholder("promptId"),
      responseKey: sql.placeholder("responseKey"),
      passed: sql.placeholder("passed"),
      answer: sql.placeholder("answer"),
    })
    .onConflictDoUpdate({
      target: [responses.runId, responses.promptId, responses.responseKey],
      set: { passed: sql`excluded.passed`, answer: sql`excluded.answer` },
    })
    .prepare(),
);

/** Stores a response, or replaces the same key's earlier one, in one statement. */
export function upsertResponse(db: Db, write: ResponseWrite) {
  upsert(db).run({
    runId: write.runId,
    promptId: write.promptId,
    responseKey: write.responseKey,
    passed: write.answer.passed,
    answer: write.answer.values,
  });
}

const keyed = and(
  eq(responses.runId, sql.placeholder("runId")),
  eq(responses.promptId, sql.placeholder("promptId")),
  eq(responses.responseKey, sql.placeholder("responseKey")),
);
const response = preparedQuery((db) => db.select({ passed: responses.passed, answer: responses.answer }).from(responses).where(keyed).prepare());

export function getResponse(db: Db, runId: string, promptId: string, responseKey: string): StoredAnswer | undefined {
  const row = response(db).get({ runId, promptId, responseKey });
  return row && { passed: row.passed, values: row.answer };
}

/**
 * Which answers to count: "stored" is every answer as it is now; "released"
 * is what was last released to screens while the prompt is open.
 */
export type AnswerView = "stored" | "released";

/** Every response of a prompt, and how many of them are passes (a pass is stored as `[]`). */
export function countResponses(db: Db, runId: string, promptId: string, view: AnswerView = "stored"): StoredCounts {
  const row = (view === "stored" ? storedCounts : releasedCounts)(db).get({ runId, promptId });
  return { responses: row?.responses ?? 0, passes: row?.passes ?? 0 };
}

const ofPrompt = and(eq(responses.runId, sql.placeholder("runId")), eq(responses.promptId, sql.placeholder("promptId")));
const storedCounts = preparedQuery((db) =>
  db
    .select({ responses: sql<number>`count(*)`, passes: sql<number>`coalesce(sum(${responses.passed}), 0)` })
    .from(responses)
    .where(ofPrompt)
    .prepare(),
);
const releasedCounts = preparedQuery((db) =>
  db
    .select({
      responses: sql<number>`count(${responses.releasedAnswer})`,
      passes: sql<number>`coalesce(sum(${responses.releasedAnswer} = '[]'), 0)`,
    })
    .from(responses)
    .where(ofPrompt)
    .prepare(),
);

/** The stored responses among `keys` (response keys), and how many of them are passes. */
export function countResponsesAmong(db: Db, runId: string, promptId: string, keys: readonly string[]): StoredCounts {
  if (keys.length === 0) return { responses: 0, passes: 0 };
  const row = db.get<StoredCounts>(sql`
    select count(*) as responses, coalesce(sum(r.passed), 0) as passes
    from ${responses} r
    where r.run_id = ${runId} and r.prompt_id = ${promptId}${amongKeys(keys)}`);
  return { responses: row?.responses ?? 0, passes: row?.passes ?? 0 };
}

/** How many answers chose each value: the tally, computed by SQL. Passes (`[]`) add nothing. */
export function countValues(db: Db, runId: string, promptId: string, view: AnswerView = "stored"): ValueCount[] {
  const column = view === "stored" ? sql`r.answer` : sql`r.released_answer`;
  return db.all<ValueCount>(sql`
    select j.value as value, count(*) as count
    from ${responses} r, json_each(${column}) j
    where r.run_id = ${runId} and r.prompt_id = ${promptId}
    group by j.value`);
}

/**
 * Responses waiting since the last release, in two groups that are released
 * separately. "Added": rows never released or released as a pass, so they can
 * only add to the bars (`added`, and `addedAnswers` among them that are
 * answers). "Changed": rows released as an answer that is now different or a
 * pass, so their release takes something off a bar.
 */
export interface Unreleased {
  added: number;
  addedAnswers: number;
  changed: number;
}

const ADDED = sql`(r.released_answer is null or r.released_answer = '[]')`;
const WAITING = sql`(r.released_answer is null or r.released_answer <> r.answer)`;

/** Those of `keys` only (response keys, as a JSON array), when given. */
function amongKeys(keys: readonly string[] | undefined) {
  return keys === undefined ? sql`` : sql` and r.response_key in (select value from json_each(${JSON.stringify(keys)}))`;
}

export function countUnreleased(db: Db, runId: string, promptId: string, keys?: readonly string[]): Unreleased {
  const row = db.get<Unreleased>(sql`
    select coalesce(sum(${ADDED}), 0) as added,
      coalesce(sum(${ADDED} and r.passed = 0), 0) as addedAnswers,
      coalesce(sum(not ${ADDED}), 0) as changed
    from ${responses} r
    where r.run_id = ${runId} and r.prompt_id = ${promptId} and ${WAITING}${amongKeys(keys)}`);
  return { added: row?.added ?? 0, addedAnswers: row?.addedAnswers ?? 0, changed: row?.changed ?? 0 };
}

/** Releases waiting responses: every one, or only the "added" or the "changed" group (see countUnreleased). */
export function releaseAnswers(db: Db, runId: string, promptId: string, group: "all" | "added" | "changed" = "all"): number {
  const which = group === "all" ? sql`1` : group === "added" ? ADDED : sql`not ${ADDED}`;
  return db.run(sql`
    update ${responses} as r set released_answer = r.answer
    where r.run_id = ${runId} and r.prompt_id = ${promptId} and ${WAITING} and ${which}`).changes;
}

/** Forgets what was released (the prompt closed: every screen works from the stored answers again). */
export function clearReleasedAnswers(db: Db, runId: string, promptId: string) {
  db.update(responses)
    .set({ releasedAnswer: null })
    // Only the rows that hold one: an update rewrites every row it touches, already cleared or not.
    .where(and(eq(responses.runId, runId), eq(responses.promptId, promptId), isNotNull(responses.releasedAnswer)))
    .run();
}

/**
 * A released copy whose text was deleted: still an answer (not a pass, which
 * is `[]`), with nothing left to count. json_each gives one NULL value, which
 * no tally counts.
 */
const GONE = "[null]";

/**
 * Deletes the text of a prompt's free-text answers that were not approved,
 * keeping each response (so counts stay) with an empty answer; released
 * copies lose their text the same way.
 */
export function deleteUnapprovedText(db: Db, runId: string, promptId: string) {
  const approved = sql`(select value from moderations where run_id = ${runId} and prompt_id = ${promptId} and decision = 'approved')`;
  db.run(sql`
    update ${responses} set answer = '[]'
    where run_id = ${runId} and prompt_id = ${promptId} and passed = 0 and json_extract(answer, '$[0]') not in ${approved}`);
  db.run(sql`
    update ${responses} set released_answer = ${GONE}
    where run_id = ${runId} and prompt_id = ${promptId}
      and json_type(released_answer, '$[0]') = 'text' and json_extract(released_answer, '$[0]') not in ${approved}`);
}

/**
 * Takes the words the room was not to see out of a word cloud's answers and their released copies: the
 * words the facilitator hid or, when words needed approval (a sensitive slide), every word not approved.
 * A response left with none stays, as an answer.
 */
export function deleteUnshownWords(db: Db, runId: string, promptId: string, wordsNeedApproval: boolean) {
  const decided = (decision: "approved" | "hidden") =>
    sql`(select value from moderations where run_id = ${runId} and prompt_id = ${promptId} and decision = ${decision})`;
  // Of each answer's words (json_each as j), the ones kept.
  const kept = wordsNeedApproval ? sql`j.value in ${decided("approved")}` : sql`j.value not in ${decided("hidden")}`;
  db.run(sql`
    update ${responses} set answer = (
      select coalesce(json_group_array(j.value), '[]') from json_each(${responses}.answer) j where ${kept})
    where run_id = ${runId} and prompt_id = ${promptId} and passed = 0`);
  db.run(sql`
    update ${responses} set released_answer = coalesce((
      select nullif(json_group_array(j.value), '[]') from json_each(${responses}.released_answer) j where ${kept}), ${GONE})
    where run_id = ${runId} and prompt_id = ${promptId} and json_type(released_answer, '$[0]') = 'text'`);
}

/**
 * When a held-back copy still holds words or text its author has since
 * changed or taken back, deletes the text of every copy of the prompt
 * (counts stay). Deleting only the withdrawn one would show, by what
 * disappears, what the late changer had written.
 */
export function deleteWithdrawnText(db: Db, runId: string, promptId: string) {
  db.run(sql`
    update ${responses} set released_answer = ${GONE}
    where run_id = ${runId} and prompt_id = ${promptId} and json_type(released_answer, '$[0]') = 'text'
      and exists (
        select 1 from ${responses} w where w.run_id = ${runId} and w.prompt_id = ${promptId}
          and json_type(w.released_answer, '$[0]') = 'text' and w.released_answer <> w.answer)`);
}

/** Deletes every word and free text of a run (answers and released copies stored as strings), keeping the responses and their counts. */
export function deleteRunText(db: Db, runId: string) {
  db.run(sql`update ${responses} set answer = '[]' where run_id = ${runId} and json_type(answer, '$[0]') = 'text'`);
  db.run(sql`update ${responses} set released_answer = ${GONE} where run_id = ${runId} and json_type(released_answer, '$[0]') = 'text'`);
}

/** Writes a prompt's responses back in key order, or every response of the run (see rewriteInKeyOrder). */
export function rewriteResponsesInKeyOrder(db: Db, runId: string, promptId?: string) {
  const where = promptId === undefined ? eq(responses.runId, runId) : and(eq(responses.runId, runId), eq(responses.promptId, promptId))!;
  rewriteInKeyOrder(db, responses, [responses.runId, responses.promptId, responses.responseKey], where);
}
