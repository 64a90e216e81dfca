import { and, eq, ne, sql } from "drizzle-orm";

import { moderations } from "../../../db/schema.pg";
import type { Decision } from "~/models/moderation.server";

import { rewriteInKeyOrder, type PgDb } from "./db.server";

/** app/models/moderation.server.ts on PostgreSQL: what each query does is written there. */

export async function getDecisions(db: PgDb, runId: string, promptId: string): Promise<Map<string, Decision>> {
  const rows = await db
    .select({ value: moderations.value, decision: moderations.decision })
    .from(moderations)
    .where(and(eq(moderations.runId, runId), eq(moderations.promptId, promptId)));
  return new Map(rows.map((row) => [row.value, row.decision]));
}

export async function setDecision(db: PgDb, runId: string, promptId: string, value: string, decision: Decision | null) {
  const key = and(eq(moderations.runId, runId), eq(moderations.promptId, promptId), eq(moderations.value, value));
  if (decision === null) {
    await db.delete(moderations).where(key);
    return;
  }
  await db
    .insert(moderations)
    .values({ runId, promptId, value, decision })
    .onConflictDoUpdate({ target: [moderations.runId, moderations.promptId, moderations.value], set: { decision } });
}

export async function deleteUnapprovedDecisions(db: PgDb, runId: string, promptId: string) {
  await db.delete(moderations).where(and(eq(moderations.runId, runId), eq(moderations.promptId, promptId), ne(moderations.decision, "approved")));
}

/** json_each's values are jsonb_array_elements_text's here: each element's text, and SQL null for a JSON null. */
export async function deleteOrphanDecisions(db: PgDb, runId: string, promptId: string) {
  await db.execute(sql`
    delete from ${moderations} where run_id = ${runId} and prompt_id = ${promptId}
      and value not in (
        select j.value from responses r, jsonb_array_elements_text(r.answer) j(value)
        where r.run_id = ${runId} and r.prompt_id = ${promptId} and j.value is not null)
      and value not in (
        select j.value from responses r, jsonb_array_elements_text(r.released_answer) j(value)
        where r.run_id = ${runId} and r.prompt_id = ${promptId} and j.value is not null)`);
}

export async function deleteRunDecisions(db: PgDb, runId: string) {
  await db.delete(moderations).where(eq(moderations.runId, runId));
}

export async function rewriteDecisionsInKeyOrder(db: PgDb, runId: string, promptId?: string) {
  const where = promptId === undefined ? eq(moderations.runId, runId) : and(eq(moderations.runId, runId), eq(moderations.promptId, promptId))!;
  await rewriteInKeyOrder(db, moderations, [moderations.runId, moderations.promptId, moderations.value], where);
}
