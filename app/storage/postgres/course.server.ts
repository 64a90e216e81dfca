import { asc, eq } from "drizzle-orm";

import { courses, courseSessions } from "../../../db/schema.pg";
import type { OwnCourse } from "~/models/course.server";

import type { PgDb } from "./db.server";

/** app/models/course.server.ts on PostgreSQL: what each query does is written there. */

export async function insertCourse(db: PgDb, course: typeof courses.$inferInsert, planIds: string[]) {
  await db.insert(courses).values(course);
  if (planIds.length > 0) {
    await db.insert(courseSessions).values(planIds.map((planId, i) => ({ courseId: course.id, position: i + 1, planId })));
  }
}

export async function getOwnCourse(db: PgDb, id: string): Promise<OwnCourse | undefined> {
  const [row] = await db.select().from(courses).where(eq(courses.id, id));
  return row && { ...row, planIds: await sessionPlanIds(db, id) };
}

export async function listOwnCourses(db: PgDb): Promise<OwnCourse[]> {
  const rows = await db.select().from(courses);
  return Promise.all(rows.map(async (row) => ({ ...row, planIds: await sessionPlanIds(db, row.id) })));
}

async function sessionPlanIds(db: PgDb, courseId: string): Promise<string[]> {
  const rows = await db
    .select({ planId: courseSessions.planId })
    .from(courseSessions)
    .where(eq(courseSessions.courseId, courseId))
    .orderBy(asc(courseSessions.position));
  return rows.map((row) => row.planId);
}
