import fs from "node:fs";
import path from "node:path";

import { MAX_COURSE_BYTES, type Course, type CourseIssue } from "./course-schema";
import { missingSessions, parseCourse, type CourseParseResult } from "./parse-course.server";

export interface CourseEntry {
  /** Path relative to the working directory, as shown in errors. */
  file: string;
  result: { ok: true; course: Course } | { ok: false; issues: CourseIssue[] };
}

/**
 * The courses in content/courses (COURSES_DIR). Like plan files, they are
 * re-read when they change, and a broken one is listed with its problems; it
 * never stops the server. A course whose session names no plan is broken.
 */
export class CourseFiles {
  private readonly files = new Map<string, { mtimeMs: number; size: number; result: CourseParseResult }>();

  constructor(private readonly dir: string) {}

  /** Every course file in file-name order, checked against the plan ids it may name; a repeated course id is a problem of the later file. */
  list(planIds: ReadonlySet<string>): CourseEntry[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir).filter((name) => /\.ya?ml$/.test(name));
    } catch {
      return [];
    }
    const seen = new Map<string, string>();
    return names.sort().map((name) => {
      const fullPath = path.join(this.dir, name);
      const file = path.relative(process.cwd(), fullPath) || fullPath;
      const result = this.read(fullPath, file);
      if (!result.ok) return { file, result };
      const missing = missingSessions(result, file, planIds);
      if (missing.length > 0) return { file, result: { ok: false, issues: missing } };
      const earlier = seen.get(result.course.id);
      if (earlier) return { file, result: { ok: false, issues: [{ file, line: 1, message: `course id "${result.course.id}" is already used by ${earlier}` }] } };
      seen.set(result.course.id, file);
      return { file, result: { ok: true, course: result.course } };
    });
  }

  private read(fullPath: string, file: string): CourseParseResult {
    try {
      const stat = fs.statSync(fullPath);
      const cached = this.files.get(fullPath);
      if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.result;
      if (stat.size > MAX_COURSE_BYTES) {
        return { ok: false, issues: [{ file, line: 1, message: `is ${Math.ceil(stat.size / 1000)} KB; a course can be at most ${MAX_COURSE_BYTES / 1000} KB` }] };
      }
      const result = parseCourse(fs.readFileSync(fullPath, "utf8"), file);
      this.files.set(fullPath, { mtimeMs: stat.mtimeMs, size: stat.size, result });
      return result;
    } catch (error) {
      const reason = error instanceof Error && "code" in error ? String(error.code) : String(error);
      return { ok: false, issues: [{ file, line: 1, message: `could not read this file (${reason})` }] };
    }
  }
}
