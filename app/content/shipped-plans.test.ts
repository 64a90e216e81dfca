import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { PlanFiles } from "./plan-files.server";

/** The plans Beside ships, and the templates new plans start from (once that folder exists). */
const SHIPPED_FOLDERS = ["content/plans", "content/templates"].filter((folder) => fs.existsSync(folder));

describe("the shipped plans", () => {
  it("every plan in content/plans (and content/templates) parses with no error and no safety warning", () => {
    const entries = SHIPPED_FOLDERS.flatMap((folder) => new PlanFiles(folder).list());
    expect(entries.map((entry) => path.dirname(entry.file))).toContain(path.normalize("content/plans"));
    // Each problem as plans:check prints it, so a failure says what to fix and where.
    const problems = entries.flatMap((entry) =>
      entry.result.ok
        ? entry.result.warnings.map((warning) => `warn  ${entry.file}:${warning.line}: ${warning.message} (${warning.rule})`)
        : entry.result.issues.map((issue) => `error ${issue.file}:${issue.line}: ${issue.message}`),
    );
    expect(problems).toEqual([]);
  });
});
