/**
 * Checks every plan in content/plans (or the folder given) and prints each
 * problem as file:line: message, and each safety warning after its plan's ok
 * line. Exits non-zero when any plan has an error; warnings never do.
 */
import { PlanFiles } from "~/content/plan-files.server";

const dir = process.argv[2] ?? process.env.PLANS_DIR ?? "content/plans";
const entries = new PlanFiles(dir).list();
let problems = 0;
for (const entry of entries) {
  if (entry.result.ok) {
    const { plan } = entry.result;
    const prompts = plan.slides.filter((slide) => slide.prompt).length;
    console.log(`ok    ${entry.file}: "${plan.title}", ${plan.slides.length} slides, ${prompts} prompts`);
    for (const warning of entry.result.warnings) console.log(`warn  ${entry.file}:${warning.line}: ${warning.message} (${warning.rule})`);
  } else {
    for (const issue of entry.result.issues) console.error(`error ${issue.file}:${issue.line}: ${issue.message}`);
    problems += entry.result.issues.length;
  }
}
if (entries.length === 0) {
  console.error(`error no plans found in ${dir}`);
  process.exit(1);
}
if (problems > 0) {
  console.error(`${problems} ${problems === 1 ? "problem" : "problems"} found`);
  process.exit(1);
}
