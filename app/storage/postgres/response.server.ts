import { and, eq, isNotNull, sql } from "drizzle-orm";

import { responses } from "../../../db/schema.pg";
import type { StoredCounts, ValueCount } from "~/domain/tally";
import type { AnswerView, ResponseWrite, Unreleased } from "~/models/response.server";
import type { StoredAnswer } from "~/runs/answers";

import { rewriteInKeyOrder, type PgDb } from "./db.server";

/**
 * app/models/response.server.ts on PostgreSQL: what each query does is written there. Where SQLite reads JSON text
 * with json_each, json_extract and json_type, these read jsonb: jsonb_array_elements (each element as jsonb, so a
 * number stays a number and a string a string), `->>0` and jsonb_typeof. SQLite's sum over a 0/1 comparison is a
 * `count(*) filter`; PostgreSQL's counts are bigints, which pg hands over as text, hence `::int`.
 */

export async function upsertResponse(db: PgDb, write: ResponseWrite) {
  await db
    .insert(responses)
    .values({ runId: write.runId, promptId: write.promptId, responseKey: write.responseKey, passed: write.answer.passed, answer: write.answer.values })
    .onConflictDoUpdate({
      target: [responses.runId, responses.promptId, responses.responseKey],
      set: { passed: sql`excluded.passed`, answer: sql`excluded.answer` },
    });
}

export async function getResponse(db: PgDb, runId: string, promptId: string, responseKey: string): Promise<StoredAnswer | undefined> {
  const [row] = await db
    .select({ passed: responses.passed, answer: responses.answer })
    .from(responses)
    .where(and(eq(responses.runId, runId), eq(responses.promptId, promptId), eq(responses.responseKey, responseKey)));
  return row && { passed: row.passed, values: row.answer };
}

export async function countResponses(db: PgDb, runId: string, promptId: string, view: AnswerView = "stored"): Promise<StoredCounts> {
  const counted =
    view === "stored"
      ? sql`count(*)::int as responses, (count(*) filter (where r.passed))::int as passes`
      : sql`count(r.released_answer)::int as responses, (count(*) filter (where r.released_answer = '[]'::jsonb))::int as passes`;
  const { rows } = await db.execute<{ responses: number; passes: number }>(sql`
    select ${counted} from ${responses} r where r.run_id = ${runId} and r.prompt_id = ${promptId}`);
  return { responses: rows[0]?.responses ?? 0, passes: rows[0]?.passes ?? 0 };
}

export async function countResponsesAmong(db: PgDb, runId: string, promptId: string, keys: readonly string[]): Promise<StoredCounts> {
  if (keys.length === 0) return { responses: 0, passes: 0 };
  const { rows } = await db.execute<{ responses: number; passes: number }>(sql`
    select count(*)::int as responses, (count(*) filter (where r.passed))::int as passes
    from ${responses} r
    where r.run_id = ${runId} and r.prompt_id = ${promptId}${amongKeys(keys)}`);
  return { responses: rows[0]?.responses ?? 0, passes: rows[0]?.passes ?? 0 };
}

/** Each element as jsonb, grouped as jsonb: 3 and "3" stay apart, as SQLite keeps an integer and a text apart. */
export async function countValues(db: PgDb, runId: string, promptId: string, view: AnswerView = "stored"): Promise<ValueCount[]> {
  const column = view === "stored" ? sql`r.answer` : sql`r.released_answer`;
  const { rows } = await db.execute<Row<ValueCount>>(sql`
    select j.value as value, count(*)::int as count
    from ${responses} r, jsonb_array_elements(${column}) j(value)
    where r.run_id = ${runId} and r.prompt_id = ${promptId}
    group by j.value`);
  return rows;
}

/** An interface as a row of db.execute (which wants a plain record). */
type Row<T> = { [K in keyof T]: T[K] };

const ADDED = sql`(r.released_answer is null or r.released_answer = '[]'::jsonb)`;
const WAITING = sql`(r.released_answer is null or r.released_answer <> r.answer)`;

/** Those of `keys` only (response keys, as one JSON array: no limit on their number), when given. */
function amongKeys(keys: readonly string[] | undefined) {
  return keys === undefined ? sql`` : sql` and r.response_key in (select jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))`;
}

export async function countUnreleased(db: PgDb, runId: string, promptId: string, keys?: readonly string[]): Promise<Unreleased> {
  const { rows } = await db.execute<Row<Unreleased>>(sql`
    select (count(*) filter (where ${ADDED}))::int as added,
      (count(*) filter (where ${ADDED} and not r.passed))::int as "addedAnswers",
      (count(*) filter (where not ${ADDED}))::int as changed
    from ${responses} r
    where r.run_id = ${runId} and r.prompt_id = ${promptId} and ${WAITING}${amongKeys(keys)}`);
  return { added: rows[0]?.added ?? 0, addedAnswers: rows[0]?.addedAnswers ?? 0, changed: rows[0]?.changed ?? 0 };
}

export async function releaseAnswers(db: PgDb, runId: string, promptId: string, group: "all" | "added" | "changed" = "all"): Promise<number> {
  const which = group === "all" ? sql`true` : group === "added" ? ADDED : sql`not ${ADDED}`;
  const result = await db.execute(sql`
    update ${responses} as r set released_answer = r.answer
    where r.run_id = ${runId} and r.prompt_id = ${promptId} and ${WAITING} and ${which}`);
  return result.rowCount ?? 0;
}

export async function clearReleasedAnswers(db: PgDb, runId: string, promptId: string) {
  await db
    .update(responses)
    .set({ releasedAnswer: null })
    .where(and(eq(responses.runId, runId), eq(responses.promptId, promptId), isNotNull(responses.releasedAnswer)));
}

/** A released copy whose text was deleted (see app/models/response.server.ts). */
const GONE = sql`'[null]'::jsonb`;

/** Whether a JSON array's first element is a string: SQLite's json_type(…, '$[0]') = 'text'. */
const holdsText = (column: ReturnType<typeof sql>) => sql`jsonb_typeof(${column} -> 0) = 'string'`;

export async function deleteUnapprovedText(db: PgDb, runId: string, promptId: string) {
  const approved = sql`(select value from moderations where run_id = ${runId} and prompt_id = ${promptId} and decision = 'approved')`;
  await db.execute(sql`
    update ${responses} set answer = '[]'::jsonb
    where run_id = ${runId} and prompt_id = ${promptId} and not passed and answer ->> 0 not in ${approved}`);
  await db.execute(sql`
    update ${responses} set released_answer = ${GONE}
    where run_id = ${runId} and prompt_id = ${promptId}
      and ${holdsText(sql`released_answer`)} and released_answer ->> 0 not in ${approved}`);
}

/**
 * The words kept keep their order (with ordinality), as json_group_array keeps json_each's. jsonb_agg over no row is
 * null where json_group_array is '[]': hence the coalesce on the answer, and no nullif on the released copy.
 */
export async function deleteUnshownWords(db: PgDb, runId: string, promptId: string, wordsNeedApproval: boolean) {
  const decided = (decision: "approved" | "hidden") =>
    sql`(select value from moderations where run_id = ${runId} and prompt_id = ${promptId} and decision = ${decision})`;
  // Of each answer's words (j, as jsonb; j.value #>> '{}' is its text), the ones kept.
  const kept = wordsNeedApproval ? sql`j.value #>> '{}' in ${decided("approved")}` : sql`j.value #>> '{}' not in ${decided("hidden")}`;
  const keptOf = (column: ReturnType<typeof sql>) =>
    sql`(select jsonb_agg(j.value order by j.place) from jsonb_array_elements(${column}) with ordinality j(value, place) where ${kept})`;
  await db.execute(sql`
    update ${responses} set answer = coalesce(${keptOf(sql`${responses}.answer`)}, '[]'::jsonb)
    where run_id = ${runId} and prompt_id = ${promptId} and not passed`);
  await db.execute(sql`
    update ${responses} set released_answer = coalesce(${keptOf(sql`${responses}.released_answer`)}, ${GONE})
    where run_id = ${runId} and prompt_id = ${promptId} and ${holdsText(sql`released_answer`)}`);
}

export async function deleteWithdrawnText(db: PgDb, runId: string, promptId: string) {
  await db.execute(sql`
    update ${responses} set released_answer = ${GONE}
    where run_id = ${runId} and prompt_id = ${promptId} and ${holdsText(sql`released_answer`)}
      and exists (
        select 1 from ${responses} w where w.run_id = ${runId} and w.prompt_id = ${promptId}
          and ${holdsText(sql`w.released_answer`)} and w.released_answer <> w.answer)`);
}

export async function deleteRunText(db: PgDb, runId: string) {
  await db.execute(sql`update ${responses} set answer = '[]'::jsonb where run_id = ${runId} and ${holdsText(sql`answer`)}`);
  await db.execute(sql`update ${responses} set released_answer = ${GONE} where run_id = ${runId} and ${holdsText(sql`released_answer`)}`);
}

export async function rewriteResponsesInKeyOrder(db: PgDb, runId: string, promptId?: string) {
  const where = promptId === undefined ? eq(responses.runId, runId) : and(eq(responses.runId, runId), eq(responses.promptId, promptId))!;
  await rewriteInKeyOrder(db, responses, [responses.runId, responses.promptId, responses.responseKey], where);
}
