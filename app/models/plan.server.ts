import { and, desc, eq, max } from "drizzle-orm";

import { archivedPlans, plans, planVersions } from "../../db/schema";
import type { Db } from "./db.server";

export type OwnPlanRow = typeof plans.$inferSelect;
export type PlanVersionRow = typeof planVersions.$inferSelect;

export function insertPlan(db: Db, plan: typeof plans.$inferInsert) {
  db.insert(plans).values(plan).run();
}

export function getOwnPlan(db: Db, id: string): OwnPlanRow | undefined {
  return db.select().from(plans).where(eq(plans.id, id)).get();
}

export function listOwnPlans(db: Db): OwnPlanRow[] {
  return db.select().from(plans).all();
}

/** Appends a version; its number is one more than the plan's newest, decided inside the caller's transaction. */
export function insertPlanVersion(db: Db, version: Omit<typeof planVersions.$inferInsert, "version">): PlanVersionRow {
  const newest = db.select({ n: max(planVersions.version) }).from(planVersions).where(eq(planVersions.planId, version.planId)).get()?.n ?? 0;
  return db
    .insert(planVersions)
    .values({ ...version, version: newest + 1 })
    .returning()
    .get();
}

/** Newest first. */
export function listPlanVersions(db: Db, planId: string): PlanVersionRow[] {
  return db.select().from(planVersions).where(eq(planVersions.planId, planId)).orderBy(desc(planVersions.version)).all();
}

export function getPlanVersion(db: Db, planId: string, version: number): PlanVersionRow | undefined {
  return db
    .select()
    .from(planVersions)
    .where(and(eq(planVersions.planId, planId), eq(planVersions.version, version)))
    .get();
}

export function archivedPlanKeys(db: Db): Set<string> {
  return new Set(db.select({ key: archivedPlans.planKey }).from(archivedPlans).all().map((row) => row.key));
}

export function setPlanArchived(db: Db, planKey: string, archived: boolean, now: Date) {
  if (archived) db.insert(archivedPlans).values({ planKey, archivedAt: now }).onConflictDoNothing().run();
  else db.delete(archivedPlans).where(eq(archivedPlans.planKey, planKey)).run();
}
