import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { PlanFiles } from "./plan-files.server";
import { MAX_PLAN_BYTES } from "./plan-schema";

const plan = (id: string, title: string) => `---
id: ${id}
title: ${title}
summary: A plan.
duration: 10
audience: testers
---

# Only slide
`;

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-library-"));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("PlanFiles", () => {
  it("lists plans by title, and a second plan with the same id as an error on the later file", () => {
    fs.writeFileSync(path.join(dir, "a.md"), plan("same", "Zebra"));
    fs.writeFileSync(path.join(dir, "b.md"), plan("same", "Apple"));
    fs.writeFileSync(path.join(dir, "c.md"), plan("other", "Mango"));
    const entries = new PlanFiles(dir).list();
    expect(entries.map((entry) => (entry.result.ok ? entry.result.plan.title : `error: ${entry.result.issues[0]!.message}`))).toEqual([
      "Mango",
      "Zebra",
      expect.stringMatching(/^error: plan id "same" is already used by .*a\.md$/),
    ]);
  });

  it("lists a plan file it cannot read as a plan with an error, instead of failing", () => {
    fs.writeFileSync(path.join(dir, "good.md"), plan("good", "Good"));
    fs.mkdirSync(path.join(dir, "folder.md"));
    const entries = new PlanFiles(dir).list();
    expect(entries).toHaveLength(2);
    const unreadable = entries.find((entry) => entry.file.endsWith("folder.md"))!;
    expect(unreadable.result).toEqual({ ok: false, issues: [expect.objectContaining({ line: 1, message: expect.stringContaining("could not read") })] });
    expect(new PlanFiles(dir).get("good")?.result.ok).toBe(true);
  });

  it("refuses a plan file over the size limit without reading it", () => {
    fs.writeFileSync(path.join(dir, "huge.md"), plan("huge", "Huge") + "x".repeat(MAX_PLAN_BYTES));
    const [entry] = new PlanFiles(dir).list();
    expect(entry!.result).toEqual({ ok: false, issues: [{ file: expect.stringContaining("huge.md"), line: 1, message: "is 201 KB; a plan can be at most 200 KB" }] });
  });

  it("re-reads a plan after it changes on disk", () => {
    const file = path.join(dir, "p.md");
    fs.writeFileSync(file, plan("p", "First"));
    const library = new PlanFiles(dir);
    expect(library.get("p")?.result.plan.title).toBe("First");
    fs.writeFileSync(file, plan("p", "Second title"));
    expect(library.get("p")?.result.plan.title).toBe("Second title");
  });

  it("ignores README.md and files that are not Markdown, and returns nothing for a missing folder", () => {
    fs.writeFileSync(path.join(dir, "README.md"), "# Not a plan");
    fs.writeFileSync(path.join(dir, "notes.txt"), "nothing");
    expect(new PlanFiles(dir).list()).toEqual([]);
    expect(new PlanFiles(path.join(dir, "missing")).list()).toEqual([]);
  });
});
