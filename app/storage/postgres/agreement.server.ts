import { and, eq, sql } from "drizzle-orm";

import { agreementAcceptances } from "../../../db/schema.pg";

import { rewriteInKeyOrder, type PgDb } from "./db.server";

/** app/models/agreement.server.ts on PostgreSQL: what each query does is written there. */

export async function acceptAgreement(db: PgDb, runId: string, slideIndex: number, acceptanceKey: string) {
  await db.insert(agreementAcceptances).values({ runId, slideIndex, acceptanceKey }).onConflictDoNothing();
}

export async function hasAccepted(db: PgDb, runId: string, slideIndex: number, acceptanceKey: string): Promise<boolean> {
  const rows = await db
    .select({ one: sql`1` })
    .from(agreementAcceptances)
    .where(
      and(
        eq(agreementAcceptances.runId, runId),
        eq(agreementAcceptances.slideIndex, slideIndex),
        eq(agreementAcceptances.acceptanceKey, acceptanceKey),
      ),
    );
  return rows.length > 0;
}

export async function countAcceptances(db: PgDb, runId: string, slideIndex: number): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from ${agreementAcceptances} where run_id = ${runId} and slide_index = ${slideIndex}`);
  return rows[0]?.n ?? 0;
}

export async function rewriteAcceptancesInKeyOrder(db: PgDb, runId: string, slideIndex?: number) {
  const where =
    slideIndex === undefined
      ? eq(agreementAcceptances.runId, runId)
      : and(eq(agreementAcceptances.runId, runId), eq(agreementAcceptances.slideIndex, slideIndex))!;
  await rewriteInKeyOrder(db, agreementAcceptances, [agreementAcceptances.runId, agreementAcceptances.slideIndex, agreementAcceptances.acceptanceKey], where);
}
