import { oneLine } from "~/config/env.server";

import { describeIssue } from "./parse-plan.server";
import { courseSchema, MAX_COURSE_BYTES, type Course, type CourseIssue } from "./course-schema";
import { readYaml } from "./yaml-position.server";

/** A course file read and validated: the course with the line of each session, or its problems by line. */
export type CourseParseResult = { ok: true; course: Course; sessionLines: number[] } | { ok: false; issues: CourseIssue[] };

/** Reads a course file's YAML; `file` names it in every problem. */
export function parseCourse(source: string, file: string): CourseParseResult {
  const issue = (line: number, message: string): CourseIssue => ({ file, line, message: oneLine(message) });
  if (Buffer.byteLength(source) > MAX_COURSE_BYTES) {
    return { ok: false, issues: [issue(1, `is ${Math.ceil(Buffer.byteLength(source) / 1000)} KB; a course can be at most ${MAX_COURSE_BYTES / 1000} KB`)] };
  }
  const read = readYaml(source);
  if (!read.ok) {
    const issues = read.problems.map(({ line, message, syntax }) =>
      issue(line, `${message}${syntax ? `. Put text containing ": " or "#" in quotes` : ""}`),
    );
    return { ok: false, issues };
  }
  if (read.value === null || typeof read.value !== "object" || Array.isArray(read.value)) {
    return { ok: false, issues: [issue(1, 'expected settings like "id:", "title:", "summary:" and "sessions:"')] };
  }
  const parsed = courseSchema.safeParse(read.value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((each) => issue(read.lineOfIssue(each), describeIssue(each))).sort((a, b) => a.line - b.line);
    return { ok: false, issues };
  }
  return { ok: true, course: parsed.data, sessionLines: parsed.data.sessions.map((_, i) => read.lineOfPath(["sessions", i])) };
}

/**
 * A valid course's sessions that name no plan, as problems at their lines: a course
 * with one is listed with its problems and can't be cloned. `planIds` are the plans it may name.
 */
export function missingSessions(result: CourseParseResult & { ok: true }, file: string, planIds: ReadonlySet<string>): CourseIssue[] {
  return result.course.sessions.flatMap((session, i) =>
    planIds.has(session) ? [] : [{ file, line: result.sessionLines[i]!, message: `"sessions", item ${i + 1} names no plan: no plan file has the id "${session}"` }],
  );
}
