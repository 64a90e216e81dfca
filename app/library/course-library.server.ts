import { randomBytes } from "node:crypto";

import type { CourseFiles } from "~/content/course-files.server";
import type { CourseIssue } from "~/content/course-schema";
import type { OwnCourse } from "~/models/course.server";
import type { Outcome } from "~/realtime/events";
import { ok, refused } from "~/domain/result";
import type { Storage } from "~/storage/storage";
import type { StaffStrings } from "~/strings/staff-catalogues";

import { isOwnKey, type LibraryPlan, type PlanKind, type PlanLibrary } from "./plan-library.server";

/** One session of a course: its place (1, 2, …) and the plan it runs. */
export interface CourseSession {
  position: number;
  planKey: string;
  /** The plan as the library has it now. */
  plan: LibraryPlan;
}

export interface LibraryCourse {
  /** A built-in course's id, or "own_…" for the organisation's own. */
  key: string;
  kind: PlanKind;
  /** A built-in course's file. */
  file: string | null;
  title: string;
  summary: string;
  /** The course an own course was cloned from, by key. */
  clonedFrom: string | null;
  sessions: CourseSession[];
}

/**
 * The library's courses: the built-in ones from content/courses (read-only,
 * each naming built-in plans) and the organisation's own, made by cloning a
 * course, each naming its own plans. Session plans are the library's plans:
 * a session starts, clones and keeps its history exactly as its plan does.
 *
 * The own courses are read once at start (`CourseLibrary.load`) and kept in memory, each clone writing storage and
 * then the copy: only this server writes them, and the library's plans are read the same way (PlanLibrary).
 */
export class CourseLibrary {
  private constructor(
    private readonly storage: Storage,
    private readonly files: CourseFiles,
    private readonly plans: PlanLibrary,
    private readonly own: Map<string, OwnCourse>,
    private readonly now: () => Date,
  ) {}

  /** The library, with the own courses as storage holds them now. */
  static async load(storage: Storage, files: CourseFiles, plans: PlanLibrary, now: () => Date = () => new Date()): Promise<CourseLibrary> {
    const own = new Map((await storage.queries.listOwnCourses()).map((row) => [row.id, row]));
    return new CourseLibrary(storage, files, plans, own, now);
  }

  /** Every course, built-in first then own, each by title; and course files with problems. */
  list(): { courses: LibraryCourse[]; brokenFiles: Array<{ file: string; issues: CourseIssue[] }> } {
    const entries = this.files.list(this.builtInPlanIds());
    const builtIn = entries.flatMap((entry) => (entry.result.ok ? [this.builtInCourse(entry.file, entry.result.course)] : []));
    const own = [...this.own.values()].flatMap((row) => this.ownCourse(row) ?? []);
    const byTitle = (a: LibraryCourse, b: LibraryCourse) => a.title.localeCompare(b.title) || a.key.localeCompare(b.key);
    const brokenFiles = entries.flatMap((entry) => (entry.result.ok ? [] : [{ file: entry.file, issues: entry.result.issues }]));
    return { courses: [...builtIn.sort(byTitle), ...own.sort(byTitle)], brokenFiles };
  }

  course(key: string): LibraryCourse | undefined {
    if (isOwnKey(key)) {
      const row = this.own.get(key);
      return row && this.ownCourse(row);
    }
    return this.list().courses.find((course) => course.key === key);
  }

  /**
   * Clones every session's plan (its newest version) into the organisation's
   * own plans, and makes an own course "… (copy)" of those plans in the same
   * order. One transaction: if any plan can't be cloned, nothing is kept.
   */
  async clone(key: string, createdBy: string | null, strings: StaffStrings): Promise<Outcome<LibraryCourse>> {
    const t = strings.library.courses;
    const course = this.course(key);
    if (!course) return refused("not-found", t.refusals.noSuchCourse);
    const id = `own_${randomBytes(8).toString("hex").slice(0, 10)}`;
    const row = { id, title: t.copyTitle(course.title), summary: course.summary, clonedFrom: key, createdBy, createdAt: this.now() };
    const copies = await this.plans.cloneAll(
      course.sessions.map((session) => session.planKey),
      createdBy,
      strings,
      (position, message) => t.refusals.sessionNotCloned(position, message),
      (tx, planIds) => tx.insertCourse(row, planIds),
    );
    if (!copies.ok) return copies;
    this.own.set(id, { ...row, planIds: copies.data });
    return ok(this.course(id)!);
  }

  private builtInPlanIds(): Set<string> {
    return new Set(this.plans.list().plans.flatMap((plan) => (plan.kind === "built-in" ? [plan.key] : [])));
  }

  private builtInCourse(file: string, course: { id: string; title: string; summary: string; sessions: string[] }): LibraryCourse {
    return {
      key: course.id,
      kind: "built-in",
      file,
      title: course.title,
      summary: course.summary,
      clonedFrom: null,
      sessions: this.sessionsOf(course.sessions) ?? [],
    };
  }

  /** An own course; undefined if one of its plans is gone (own plans are archived, never deleted, so only by hand). */
  private ownCourse(row: OwnCourse): LibraryCourse | undefined {
    const sessions = this.sessionsOf(row.planIds);
    return sessions && { key: row.id, kind: "own", file: null, title: row.title, summary: row.summary, clonedFrom: row.clonedFrom, sessions };
  }

  private sessionsOf(planKeys: string[]): CourseSession[] | undefined {
    const sessions: CourseSession[] = [];
    for (const [i, planKey] of planKeys.entries()) {
      const plan = this.plans.plan(planKey);
      if (!plan) return undefined;
      sessions.push({ position: i + 1, planKey, plan });
    }
    return sessions;
  }
}
