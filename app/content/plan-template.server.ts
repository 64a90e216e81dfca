import fs from "node:fs";

import { ConfigError } from "~/config/env.server";

import { parsePlan } from "./parse-plan.server";

/**
 * The plan the library's "New plan" starts from (content/templates/plan.md,
 * PLAN_TEMPLATE_FILE): the standard frame and safety slides, with text that
 * tells the organiser what to write. It lives outside content/plans so it is
 * never a plan of the library itself. Read and checked once at start-up: a
 * template with mistakes would hand every new plan the same mistakes.
 */
export function loadPlanTemplate(file: string): string {
  let source: string;
  try {
    source = fs.readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "the file does not exist" : String(error);
    throw new ConfigError(`${file}: cannot read the plan template (${reason}). Set PLAN_TEMPLATE_FILE to its path.`);
  }
  const result = parsePlan(source, file);
  if (!result.ok) {
    throw new ConfigError(`The plan template has problems:\n${result.issues.map((issue) => `  ${issue.file}:${issue.line}: ${issue.message}`).join("\n")}`);
  }
  return source;
}
