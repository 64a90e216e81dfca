import { describe, expect, it } from "vitest";

import { missingSessions, parseCourse } from "./parse-course.server";

const FILE = "content/courses/test.yaml";

/** A valid course, line by line, so a test can break one line and know its number. */
const LINES = [
  "id: two-evenings", // 1
  "title: Two evenings", // 2
  "summary: A short course.", // 3
  "sessions:", // 4
  "  - first-evening", // 5
  "  - second-evening", // 6
];

function issuesOf(source: string) {
  const result = parseCourse(source, FILE);
  if (result.ok) throw new Error("expected problems");
  return result.issues.map(({ file, line, message }) => ({ file, line, message }));
}

describe("parseCourse", () => {
  it("reads a valid course: its id, title, summary and sessions in order, with each session's line", () => {
    const result = parseCourse(LINES.join("\n"), FILE);
    expect(result).toEqual({
      ok: true,
      course: { id: "two-evenings", title: "Two evenings", summary: "A short course.", sessions: ["first-evening", "second-evening"] },
      sessionLines: [5, 6],
    });
  });

  it("reports a session id that isn't a slug at its line", () => {
    const source = [...LINES.slice(0, 5), "  - Second Evening"].join("\n");
    expect(issuesOf(source)).toEqual([
      { file: FILE, line: 6, message: expect.stringMatching(/^"sessions", item 2 must use only lower-case letters/) },
    ]);
  });

  it("reports a course with one session (at least 2) at the sessions key, and one with 13 (at most 12)", () => {
    expect(issuesOf(LINES.slice(0, 5).join("\n"))).toEqual([
      { file: FILE, line: 4, message: expect.stringContaining('"sessions" must list at least 2 sessions') },
    ]);
    const many = [...LINES.slice(0, 4), ...Array.from({ length: 13 }, (_, i) => `  - evening-${i + 1}`)].join("\n");
    expect(issuesOf(many)).toEqual([{ file: FILE, line: 4, message: '"sessions" can list at most 12 sessions' }]);
  });

  it("reports a plan named twice at the second mention", () => {
    const source = [...LINES, "  - first-evening"].join("\n");
    expect(issuesOf(source)).toEqual([
      { file: FILE, line: 7, message: '"sessions", item 3 names plan "first-evening" again (it is already session 1): each plan comes once' },
    ]);
  });

  it("reports a missing title, an empty summary, a bad id and an unknown setting, each at its own line", () => {
    const source = ['id: "Two Evenings"', 'summary: ""', "sessions:", "  - first-evening", "  - second-evening", "weeks: 2"].join("\n");
    expect(issuesOf(source)).toEqual([
      { file: FILE, line: 1, message: expect.stringMatching(/^"id" must use only lower-case letters/) },
      { file: FILE, line: 1, message: '"title" is missing' },
      { file: FILE, line: 2, message: '"summary" must not be empty' },
      { file: FILE, line: 6, message: 'unknown setting "weeks"' },
    ]);
  });

  it("reports YAML it can't read at its line, and a file that isn't a set of settings at line 1", () => {
    const broken = [...LINES.slice(0, 2), "summary: one: two", ...LINES.slice(3)].join("\n");
    expect(issuesOf(broken)).toEqual([{ file: FILE, line: 3, message: expect.stringMatching(/^this is not valid YAML .*in quotes$/) }]);
    expect(issuesOf("- first-evening\n- second-evening\n")).toEqual([
      { file: FILE, line: 1, message: 'expected settings like "id:", "title:", "summary:" and "sessions:"' },
    ]);
  });

  it("refuses a file larger than a course can be, at line 1, without reading it as YAML", () => {
    expect(issuesOf(`${LINES.join("\n")}\n# ${"x".repeat(20_000)}`)).toEqual([
      { file: FILE, line: 1, message: expect.stringMatching(/a course can be at most 20 KB$/) },
    ]);
  });
});

describe("missingSessions", () => {
  it("reports each session that names no plan at its own line, and nothing when every plan exists", () => {
    const result = parseCourse(LINES.join("\n"), FILE);
    if (!result.ok) throw new Error("expected a course");
    expect(missingSessions(result, FILE, new Set(["first-evening"]))).toEqual([
      { file: FILE, line: 6, message: '"sessions", item 2 names no plan: no plan file has the id "second-evening"' },
    ]);
    expect(missingSessions(result, FILE, new Set(["first-evening", "second-evening"]))).toEqual([]);
  });
});
