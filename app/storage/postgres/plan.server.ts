import { and, desc, eq, max } from "drizzle-orm";

import { archivedPlans, plans, planVersions } from "../../../db/schema.pg";
import type { OwnPlanRow, PlanVersionRow } from "~/models/plan.server";

import type { PgDb } from "./db.server";

/** app/models/plan.server.ts on PostgreSQL: what each query does is written there. */

export async function insertPlan(db: PgDb, plan: typeof plans.$inferInsert) {
  await db.insert(plans).values(plan);
}

export async function getOwnPlan(db: PgDb, id: string): Promise<OwnPlanRow | undefined> {
  return (await db.select().from(plans).where(eq(plans.id, id)))[0];
}

export async function listOwnPlans(db: PgDb): Promise<OwnPlanRow[]> {
  return db.select().from(plans);
}

/**
 * Its number is one more than the plan's newest, read in the caller's transaction. Under read committed two
 * transactions may read the same newest: the second insert then fails on the primary key (plan, version) rather than
 * writing a duplicate. SQLite, one writer at a time, never meets this.
 */
export async function insertPlanVersion(db: PgDb, version: Omit<typeof planVersions.$inferInsert, "version">): Promise<PlanVersionRow> {
  const newest = (await db.select({ n: max(planVersions.version) }).from(planVersions).where(eq(planVersions.planId, version.planId)))[0]?.n ?? 0;
  return (
    await db
      .insert(planVersions)
      .values({ ...version, version: newest + 1 })
      .returning()
  )[0]!;
}

export async function listPlanVersions(db: PgDb, planId: string): Promise<PlanVersionRow[]> {
  return db.select().from(planVersions).where(eq(planVersions.planId, planId)).orderBy(desc(planVersions.version));
}

export async function getPlanVersion(db: PgDb, planId: string, version: number): Promise<PlanVersionRow | undefined> {
  return (
    await db
      .select()
      .from(planVersions)
      .where(and(eq(planVersions.planId, planId), eq(planVersions.version, version)))
  )[0];
}

export async function archivedPlanKeys(db: PgDb): Promise<Set<string>> {
  return new Set((await db.select({ key: archivedPlans.planKey }).from(archivedPlans)).map((row) => row.key));
}

export async function setPlanArchived(db: PgDb, planKey: string, archived: boolean, now: Date) {
  if (archived) await db.insert(archivedPlans).values({ planKey, archivedAt: now }).onConflictDoNothing();
  else await db.delete(archivedPlans).where(eq(archivedPlans.planKey, planKey));
}
