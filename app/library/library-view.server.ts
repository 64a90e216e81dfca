import type { AppLoadContext } from "@remix-run/node";

import type { Accounts } from "~/auth/accounts.server";
import type { PlanCheck } from "~/components/plan-editor";
import type { ParseResult } from "~/content/parse-plan.server";
import { promptsOf } from "~/content/plan-schema";
import { staffStringsFor, type StaffStrings } from "~/strings/staff-catalogues";
import { formatStaffDate } from "~/utils/dates";

import type { LibraryCourse } from "./course-library.server";
import type { LibraryPlan, PlanVersion } from "./plan-library.server";

/** The plan a library route's `:planKey` names; a 404 response (thrown) when there is none. */
export function requirePlan(context: AppLoadContext, key: string | undefined, strings: StaffStrings): LibraryPlan {
  const plan = context.beside.plans.plan(key ?? "");
  if (!plan) throw new Response(strings.library.refusals.noSuchPlan, { status: 404 });
  return plan;
}

/** The version of `plan` that `?version=N` names (the newest without it); a 404 response (thrown) when there is none. */
export function requireVersion(plan: LibraryPlan, request: Request, strings: StaffStrings): PlanVersion {
  const number = versionParam(request);
  // null: not a version number; none given: the newest. The plan holds every version (a built-in plan has no numbers).
  const version = number === null ? undefined : number === undefined ? plan.latest : plan.versions.find((each) => each.version === number);
  if (!version) throw new Response(strings.library.refusals.noSuchVersion, { status: 404 });
  return version;
}

/** A plan's problems as pages and the editor show them: line and message, without the server's file path. */
export function issueLines(result: ParseResult): Array<{ line: number; message: string }> {
  return result.ok ? [] : result.issues.map(({ line, message }) => ({ line, message }));
}

/** A checked text as the editor's preview takes it: the plan and its safety warnings, or its problems by line. */
export function planCheck(result: ParseResult): PlanCheck {
  return result.ok ? result : { ok: false, issues: issueLines(result) };
}

/** What a plan's page and its library card both say about it. */
export function planSummary(plan: LibraryPlan) {
  return {
    key: plan.key,
    kind: plan.kind,
    title: plan.title,
    archived: plan.archived,
    startable: plan.startable !== undefined,
    startableVersion: plan.startable?.version ?? null,
  };
}

/** What a library card shows of a plan. Facts come from the version a new run would use. */
export function planCard(plan: LibraryPlan) {
  const startable = plan.startable?.result.plan;
  return {
    ...planSummary(plan),
    latestVersion: plan.latest.version,
    draft: !plan.latest.result.ok,
    facts: startable
      ? {
          summary: startable.summary,
          durationMinutes: startable.durationMinutes,
          audience: startable.audience,
          contentNotes: startable.contentNotes,
          slideCount: startable.slides.length,
          promptCount: promptsOf(startable).length,
          warningCount: plan.startable!.result.warnings.length,
        }
      : null,
  };
}

export type PlanCard = ReturnType<typeof planCard>;

/** A plan's versions, newest first, with who saved each (by name; a removed account shows as unknown), in the staff page's language (`tag`). */
export async function versionList(plan: LibraryPlan, versions: PlanVersion[], accounts: Accounts, tag: string) {
  const names = new Map((await accounts.list()).map((account) => [account.id, account.name]));
  return versions.map((version) => ({
    version: version.version,
    savedAt: version.createdAt?.toISOString() ?? null,
    savedAtText: version.createdAt ? formatStaffDate(version.createdAt, tag) : null,
    savedBy: version.createdBy ? (names.get(version.createdBy) ?? staffStringsFor(tag).library.plan.removedAccount) : null,
    draft: !version.result.ok,
    usedByNewRuns: plan.startable !== undefined && plan.startable.hash === version.hash && plan.startable.version === version.version,
  }));
}

/** Reads `?version=N` (or another parameter): undefined for none, null for something that isn't a version number. */
export function versionParam(request: Request, name = "version"): number | undefined | null {
  const raw = new URL(request.url).searchParams.get(name);
  if (raw === null || raw === "") return undefined;
  return /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : null;
}

/** What the editor says after a save (`?saved=N`): a draft doesn't change what runs use. */
export function savedNotice(plan: LibraryPlan, saved: number | null | undefined, strings: StaffStrings) {
  if (typeof saved !== "number" || saved !== plan.latest.version) return null;
  const t = strings.library.edit;
  if (plan.latest.result.ok) return { draft: false, text: t.saved(saved) };
  const runs = plan.startable ? t.runsKeepUsing(plan.startable.version!) : t.cannotStart;
  return { draft: true, text: t.savedDraft(saved, runs) };
}

/** The course a course route's `:courseKey` names; a 404 response (thrown) when there is none. */
export function requireCourse(context: AppLoadContext, key: string | undefined, strings: StaffStrings): LibraryCourse {
  const course = context.beside.courses.course(key ?? "");
  if (!course) throw new Response(strings.library.courses.refusals.noSuchCourse, { status: 404 });
  return course;
}

/** What the library and a course's page show of a course: its facts and its sessions in order, each as its plan's summary. */
export function courseCard(course: LibraryCourse) {
  return {
    key: course.key,
    kind: course.kind,
    file: course.file,
    title: course.title,
    summary: course.summary,
    clonedFrom: course.clonedFrom,
    sessions: course.sessions.map((session) => ({ position: session.position, ...planSummary(session.plan) })),
  };
}

export type CourseCard = ReturnType<typeof courseCard>;

/** A course's sessions as course history and the course's check-in and check-out take them. */
export function courseSessionRefs(course: LibraryCourse) {
  return course.sessions.map((session) => ({ position: session.position, planKey: session.planKey, planTitle: session.plan.title }));
}
