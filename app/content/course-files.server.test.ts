import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { CourseFiles } from "./course-files.server";

const COURSE = "id: two-evenings\ntitle: Two evenings\nsummary: A short course.\nsessions:\n  - first-evening\n  - second-evening\n";

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-course-files-"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe("CourseFiles", () => {
  const plans = new Set(["first-evening", "second-evening"]);

  it("lists .yaml and .yml files in name order, skipping others, and reports a repeated course id on the later file", () => {
    const dir = folder({ "a.yaml": COURSE, "b.yml": COURSE, "notes.md": "# not a course" });
    const entries = new CourseFiles(dir).list(plans);
    expect(entries.map((entry) => path.basename(entry.file))).toEqual(["a.yaml", "b.yml"]);
    expect(entries[0]!.result.ok).toBe(true);
    expect(entries[1]!.result).toEqual({ ok: false, issues: [{ file: entries[1]!.file, line: 1, message: `course id "two-evenings" is already used by ${entries[0]!.file}` }] });
  });

  it("makes a course whose session names no plan a course with a problem at that session's line, and reads a changed file again", () => {
    const dir = folder({ "a.yaml": COURSE });
    const files = new CourseFiles(dir);
    const missing = files.list(new Set(["first-evening"]))[0]!.result;
    expect(missing).toEqual({ ok: false, issues: [expect.objectContaining({ line: 6, message: expect.stringContaining('"second-evening"') })] });
    fs.writeFileSync(path.join(dir, "a.yaml"), COURSE.replace("Two evenings", "Two long evenings"));
    fs.utimesSync(path.join(dir, "a.yaml"), new Date(), new Date(Date.now() + 5_000));
    const changed = files.list(plans)[0]!.result;
    expect(changed.ok && changed.course.title).toBe("Two long evenings");
  });

  it("refuses a file larger than 20 KB at line 1, and a missing folder is no courses", () => {
    const dir = folder({ "big.yaml": `${COURSE}# ${"x".repeat(25_000)}\n` });
    expect(new CourseFiles(dir).list(plans)[0]!.result).toEqual({
      ok: false,
      issues: [{ file: expect.stringContaining("big.yaml"), line: 1, message: "is 26 KB; a course can be at most 20 KB" }],
    });
    expect(new CourseFiles(path.join(dir, "nowhere")).list(plans)).toEqual([]);
  });
});
