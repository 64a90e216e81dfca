import { and, eq, sql } from "drizzle-orm";

import { agreementAcceptances } from "../../db/schema";
import { rewriteInKeyOrder, type Db } from "./db.server";

/** Records "I'm in"; saying it twice counts once. */
export function acceptAgreement(db: Db, runId: string, slideIndex: number, acceptanceKey: string) {
  db.insert(agreementAcceptances).values({ runId, slideIndex, acceptanceKey }).onConflictDoNothing().run();
}

export function hasAccepted(db: Db, runId: string, slideIndex: number, acceptanceKey: string): boolean {
  return (
    db
      .select({ one: sql`1` })
      .from(agreementAcceptances)
      .where(
        and(
          eq(agreementAcceptances.runId, runId),
          eq(agreementAcceptances.slideIndex, slideIndex),
          eq(agreementAcceptances.acceptanceKey, acceptanceKey),
        ),
      )
      .get() !== undefined
  );
}

/** How many are in on an agreement slide. Never how many are not: nothing here knows who could be. */
export function countAcceptances(db: Db, runId: string, slideIndex: number): number {
  return (
    db.get<{ n: number }>(sql`
      select count(*) as n from ${agreementAcceptances} where run_id = ${runId} and slide_index = ${slideIndex}`)?.n ?? 0
  );
}

/** Writes a slide's "I'm in" rows back in key order, or every one of the run (see rewriteInKeyOrder). */
export function rewriteAcceptancesInKeyOrder(db: Db, runId: string, slideIndex?: number) {
  const where =
    slideIndex === undefined
      ? eq(agreementAcceptances.runId, runId)
      : and(eq(agreementAcceptances.runId, runId), eq(agreementAcceptances.slideIndex, slideIndex))!;
  rewriteInKeyOrder(db, agreementAcceptances, [agreementAcceptances.runId, agreementAcceptances.slideIndex, agreementAcceptances.acceptanceKey], where);
}
