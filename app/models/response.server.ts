import { and, eq, sql } from "drizzle-orm";

import { responses } from "../../db/schema";
import type { StoredAnswer } from "~/runs/answers";
import type { StoredCounts, ValueCount } from "~/runs/tally";
import type { Db } from "./db.server";

export interface ResponseWrite {
  runId: string;
  promptId: string;
  responseKey: string;
  answer: StoredAnswer;
}

/** Stores a response, or replaces the same key's earlier one, in one statement. */
export function upsertResponse(db: Db, write: ResponseWrite) {
  db.insert(responses)
    .values({
      runId: write.runId,
      promptId: write.promptId,
      responseKey: write.responseKey,
      passed: write.answer.passed,
      answer: write.answer.values,
    })
    .onConflictDoUpdate({
      target: [responses.runId, responses.promptId, responses.responseKey],
      set: { passed: write.answer.passed, answer: write.answer.values },
    })
    .run();
}

export function getResponse(db: Db, runId: string, promptId: string, responseKey: string): StoredAnswer | undefined {
  const row = db
    .select({ passed: responses.passed, answer: responses.answer })
    .from(responses)
    .where(and(eq(responses.runId, runId), eq(responses.promptId, promptId), eq(responses.responseKey, responseKey)))
    .get();
  return row && { passed: row.passed, values: row.answer };
}

/** Every stored response of a prompt, and how many of them are passes. */
export function countResponses(db: Db, runId: string, promptId: string): StoredCounts {
  const row = db
    .select({
      responses: sql<number>`count(*)`,
      passes: sql<number>`coalesce(sum(${responses.passed}), 0)`,
    })
    .from(responses)
    .where(and(eq(responses.runId, runId), eq(responses.promptId, promptId)))
    .get();
  return { responses: row?.responses ?? 0, passes: row?.passes ?? 0 };
}

/** How many answers (passes excluded) chose each value: the tally, computed by SQL. */
export function countValues(db: Db, runId: string, promptId: string): ValueCount[] {
  return db.all<ValueCount>(sql`
    select j.value as value, count(*) as count
    from ${responses} r, json_each(r.answer) j
    where r.run_id = ${runId} and r.prompt_id = ${promptId} and r.passed = 0
    group by j.value`);
}
