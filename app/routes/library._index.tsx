import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { requireAccount, staffStringsOf } from "~/auth/session.server";
import { staffPage } from "~/auth/staff.server";
import { PlanIssues } from "~/components/plan-preview";
import { FormError } from "~/components/field";
import { StaffHeader } from "~/components/staff-header";
import { validateForm } from "~/forms/validate";
import { libraryForms } from "~/library/forms";
import { ImportPlanForm } from "~/library/import-plan-form";
import { CloneCourseForm, CourseSessions } from "~/library/course-sessions";
import { courseCard, issueLines, planCard, type PlanCard } from "~/library/library-view.server";
import { StartRunForm } from "~/library/start-run-form";
import { startRunResponse } from "~/library/start-run.server";
import { liveRunsOf } from "~/runs/live-runs.server";
import { metaStaffStrings, useStaffStrings } from "~/strings/staff";
import styles from "~/styles/library.css";

/** The library's "New plan" button: its form's intent. */
const NEW_PLAN = "new-plan";

export const meta: MetaFunction = ({ matches }) => [{ title: metaStaffStrings(matches).library.title }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await staffPage(request, context);
  const { plans, courses, engine, settings } = context.beside;
  const organiser = staff.account.role === "organiser";
  const library = plans.list();
  const cards = library.plans.map(planCard);
  const brokenFiles = library.brokenFiles.map((entry) => ({ file: entry.file, issues: issueLines(entry.result) }));
  const courseList = courses.list();

  return json({
    staff,
    organiser,
    cards: cards.filter((card) => !card.archived),
    // Only organisers restore plans, so only they need to see the archived ones here.
    archived: organiser ? cards.filter((card) => card.archived) : [],
    brokenFiles,
    courses: courseList.courses.map(courseCard),
    brokenCourseFiles: courseList.brokenFiles.map((entry) => ({ file: entry.file, issues: issueLines({ ok: false, issues: entry.issues }) })),
    liveRuns: await liveRunsOf(engine, request.headers.get("Cookie")),
    defaultK: settings.get("defaultK"),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  if (formData.get("intent") === NEW_PLAN) {
    // A new own plan from the template, opened in the editor: organisers only, as cloning and importing.
    const account = await requireAccount(request, context, "organiser");
    const created = await context.beside.plans.createFromTemplate(context.beside.planTemplate, account.id, staffStringsOf(request, context, account));
    if (!created.ok) return json({ planId: null, errors: { form: created.error.message } as Record<string, string | undefined> }, { status: 400 });
    return redirect(`/library/${created.data.key}/edit`);
  }
  const account = await requireAccount(request, context);
  const form = validateForm(libraryForms(staffStringsOf(request, context, account)).startRunForm, formData);
  if (!form.ok) return json({ planId: null, errors: form.errors }, { status: 400 });
  return startRunResponse(request, context, account, form.data.planId, form.data.k);
}

export default function Library() {
  const { staff, organiser, cards, archived, brokenFiles, courses, brokenCourseFiles, liveRuns, defaultK } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useStaffStrings().library;
  // A start error shows on its plan's card; when that card has no start form (or no card), at the top, so it isn't lost.
  const cardWithError = cards.find((card) => card.startable && card.key === actionData?.planId)?.key;
  const generalError = actionData && !cardWithError ? (actionData.errors.form ?? actionData.errors.k ?? actionData.errors.planId) : undefined;

  return (
    <main className="page">
      <StaffHeader {...staff} />

      <h1>{t.heading}</h1>
      <FormError error={generalError ?? undefined} />
      {liveRuns.length > 0 ? (
        <section aria-labelledby="live-runs" className="live-runs">
          <h2 id="live-runs">{t.liveRuns}</h2>
          <ul>
            {liveRuns.map((run) => (
              <li key={run.code}>
                <Link to={`/console/${run.code}`}>
                  {t.continueRun(run.planTitle)} <span className="code">{run.code}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {courses.length > 0 || brokenCourseFiles.length > 0 ? (
        <section aria-labelledby="courses" className="library-section courses">
          <h2 id="courses">{t.courses.heading}</h2>
          <p>{t.courses.intro}</p>
          <ul className="plan-list course-list">
            {courses.map((course) => (
              <li key={course.key} className="plan-card course-card">
                <h3>
                  <Link to={`/courses/${encodeURIComponent(course.key)}`}>{course.title}</Link>
                </h3>
                <p className="plan-badges">
                  <span className="badge">{course.kind === "built-in" ? t.courses.builtIn : t.courses.own}</span>
                  <span className="badge">{t.courses.sessionCount(course.sessions.length)}</span>
                </p>
                <p>{course.summary}</p>
                <CourseSessions course={course} defaultK={defaultK} />
                {organiser ? <CloneCourseForm course={course} /> : null}
              </li>
            ))}
            {brokenCourseFiles.map((entry) => (
              <li key={entry.file} className="plan-card plan-card--broken">
                <h3>{entry.file}</h3>
                <p>{t.courses.brokenFile}</p>
                <PlanIssues issues={entry.issues} file={entry.file} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {cards.length === 0 && brokenFiles.length === 0 ? (
        <p>{t.empty(organiser)}</p>
      ) : null}
      <ul className="plan-list">
        {cards.map((card) => (
          <li key={card.key} className="plan-card">
            <PlanCardBody card={card} />
            {card.startable ? (
              <StartRunForm planId={card.key} planTitle={card.title} defaultK={defaultK} serverErrors={cardWithError === card.key ? actionData?.errors : undefined} />
            ) : (
              <p className="notice">{t.noValidVersion}</p>
            )}
          </li>
        ))}
        {brokenFiles.map((entry) => (
          <li key={entry.file} className="plan-card plan-card--broken">
            <h2>{entry.file}</h2>
            <p>{t.brokenFile}</p>
            <PlanIssues issues={entry.issues} file={entry.file} />
          </li>
        ))}
      </ul>

      {organiser ? (
        <section aria-labelledby="new-plan" className="library-section">
          <h2 id="new-plan">{t.newPlan.heading}</h2>
          <p>{t.newPlan.text}</p>
          <Form method="post">
            <input type="hidden" name="intent" value={NEW_PLAN} />
            <button type="submit" className="button button--primary">
              {t.newPlan.submit}
            </button>
          </Form>
        </section>
      ) : null}

      {organiser ? (
        <section aria-labelledby="import-plan" className="library-section">
          <h2 id="import-plan">{t.importHeading}</h2>
          <ImportPlanForm />
        </section>
      ) : null}

      {organiser && archived.length > 0 ? (
        <section aria-labelledby="archived-plans" className="library-section">
          <h2 id="archived-plans">{t.archivedHeading}</h2>
          <p>{t.archivedNote}</p>
          <ul className="archived-list">
            {archived.map((card) => (
              <li key={card.key}>
                <Link to={`/library/${card.key}`}>{card.title}</Link>
                <Form method="post" action={`/library/${card.key}?index`}>
                  <input type="hidden" name="intent" value="restore" />
                  <button type="submit" className="button button--small">
                    {t.restore}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}

/** A card's title, badges and facts: the same on the library and (for the shown plan) nowhere else. */
function PlanCardBody({ card }: { card: PlanCard }) {
  const { facts: t, warnings } = useStaffStrings().library;
  return (
    <>
      <h2>
        <Link to={`/library/${card.key}`}>{card.title}</Link>
      </h2>
      <p className="plan-badges">
        <span className="badge">{card.kind === "built-in" ? t.builtIn : t.version(card.latestVersion!)}</span>
        {card.draft ? <span className="badge badge--draft">{t.draft}</span> : null}
        {card.facts && card.facts.warningCount > 0 ? <span className="badge badge--warning">{warnings.count(card.facts.warningCount)}</span> : null}
      </p>
      {card.facts ? (
        <>
          <p>{card.facts.summary}</p>
          <p className="plan-card__facts">{t.size(card.facts.durationMinutes, card.facts.slideCount, card.facts.promptCount)}</p>
          <p className="plan-card__facts">{t.audience(card.facts.audience)}</p>
          {card.facts.contentNotes.length > 0 ? (
            <p className="plan-card__notes">{t.contentNotes(card.facts.contentNotes.join("; "))}</p>
          ) : null}
          {card.draft ? <p className="plan-card__facts">{t.newRunsUseNewestValid(card.startableVersion!)}</p> : null}
        </>
      ) : null}
    </>
  );
}
