/**
 * Checks every plan in content/plans (or the folder given) and every course in
 * content/courses (or the second folder given; with only a plans folder given,
 * no courses, since the shipped courses name the shipped plans) and prints
 * each problem as file:line: message, and each safety warning after its plan's
 * ok line. Exits non-zero when any plan or course has an error; warnings never do.
 */
import { CourseFiles } from "~/content/course-files.server";
import { PlanFiles } from "~/content/plan-files.server";

const dir = process.argv[2] ?? process.env.PLANS_DIR ?? "content/plans";
const coursesDir = process.argv[3] ?? (process.argv[2] === undefined ? (process.env.COURSES_DIR ?? "content/courses") : undefined);
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
// A course may name only the plans that load without errors: a session must be startable.
const planIds = new Set(entries.flatMap((entry) => (entry.result.ok ? [entry.result.plan.id] : [])));
for (const entry of coursesDir === undefined ? [] : new CourseFiles(coursesDir).list(planIds)) {
  if (entry.result.ok) {
    const { course } = entry.result;
    console.log(`ok    ${entry.file}: "${course.title}", ${course.sessions.length} sessions`);
  } else {
    for (const issue of entry.result.issues) console.error(`error ${issue.file}:${issue.line}: ${issue.message}`);
    problems += entry.result.issues.length;
  }
}
if (problems > 0) {
  console.error(`${problems} ${problems === 1 ? "problem" : "problems"} found`);
  process.exit(1);
}
