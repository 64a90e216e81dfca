import { asc, eq } from "drizzle-orm";

import { courses, courseSessions } from "../../db/schema";
import type { Db } from "./db.server";

export type OwnCourseRow = typeof courses.$inferSelect;

/** An own course and its plans in order (position 1 first). */
export interface OwnCourse extends OwnCourseRow {
  planIds: string[];
}

/** Adds an own course with its plans in the given order, inside the caller's transaction. */
export function insertCourse(db: Db, course: typeof courses.$inferInsert, planIds: string[]) {
  db.insert(courses).values(course).run();
  if (planIds.length > 0) {
    db.insert(courseSessions)
      .values(planIds.map((planId, i) => ({ courseId: course.id, position: i + 1, planId })))
      .run();
  }
}

export function getOwnCourse(db: Db, id: string): OwnCourse | undefined {
  const row = db.select().from(courses).where(eq(courses.id, id)).get();
  return row && { ...row, planIds: sessionPlanIds(db, id) };
}

export function listOwnCourses(db: Db): OwnCourse[] {
  return db
    .select()
    .from(courses)
    .all()
    .map((row) => ({ ...row, planIds: sessionPlanIds(db, row.id) }));
}

function sessionPlanIds(db: Db, courseId: string): string[] {
  return db
    .select({ planId: courseSessions.planId })
    .from(courseSessions)
    .where(eq(courseSessions.courseId, courseId))
    .orderBy(asc(courseSessions.position))
    .all()
    .map((row) => row.planId);
}
