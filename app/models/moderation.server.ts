import { and, eq, ne, sql } from "drizzle-orm";

import { moderations } from "../../db/schema";
import { rewriteInKeyOrder, type Db } from "./db.server";

export type Decision = typeof moderations.$inferSelect.decision;

/** The facilitator's decisions on a prompt's entries, by text. */
export function getDecisions(db: Db, runId: string, promptId: string): Map<string, Decision> {
  const rows = db
    .select({ value: moderations.value, decision: moderations.decision })
    .from(moderations)
    .where(and(eq(moderations.runId, runId), eq(moderations.promptId, promptId)))
    .all();
  return new Map(rows.map((row) => [row.value, row.decision]));
}

/** Records a decision on an entry; `null` puts it back to its default (pending text, shown word). */
export function setDecision(db: Db, runId: string, promptId: string, value: string, decision: Decision | null) {
  const key = and(eq(moderations.runId, runId), eq(moderations.promptId, promptId), eq(moderations.value, value));
  if (decision === null) {
    db.delete(moderations).where(key).run();
    return;
  }
  db.insert(moderations)
    .values({ runId, promptId, value, decision })
    .onConflictDoUpdate({ target: [moderations.runId, moderations.promptId, moderations.value], set: { decision } })
    .run();
}

/** Forgets every decision but approvals on a prompt (hidden text is deleted when the run ends). */
export function deleteUnapprovedDecisions(db: Db, runId: string, promptId: string) {
  db.delete(moderations)
    .where(and(eq(moderations.runId, runId), eq(moderations.promptId, promptId), ne(moderations.decision, "approved")))
    .run();
}

/**
 * Forgets decisions about text that no answer, nor any released copy, holds
 * any more (its author changed it or passed). A deleted copy's NULL is left
 * out: with it, `not in` would match nothing.
 */
export function deleteOrphanDecisions(db: Db, runId: string, promptId: string) {
  db.run(sql`
    delete from ${moderations} where run_id = ${runId} and prompt_id = ${promptId}
      and value not in (
        select j.value from responses r, json_each(r.answer) j where r.run_id = ${runId} and r.prompt_id = ${promptId} and j.value is not null)
      and value not in (
        select j.value from responses r, json_each(r.released_answer) j
        where r.run_id = ${runId} and r.prompt_id = ${promptId} and j.value is not null)`);
}

/** Forgets every decision of a run (its text is gone). */
export function deleteRunDecisions(db: Db, runId: string) {
  db.delete(moderations).where(eq(moderations.runId, runId)).run();
}


/** Writes a prompt's decisions back in key order, or every decision of the run (see rewriteInKeyOrder). */
export function rewriteDecisionsInKeyOrder(db: Db, runId: string, promptId?: string) {
  const where = promptId === undefined ? eq(moderations.runId, runId) : and(eq(moderations.runId, runId), eq(moderations.promptId, promptId))!;
  rewriteInKeyOrder(db, moderations, [moderations.runId, moderations.promptId, moderations.value], where);
}
