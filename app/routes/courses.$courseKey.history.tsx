import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { staffLanguageOf, staffPage, staffStringsOf } from "~/auth/staff.server";
import { RunHistoryTable } from "~/components/run-history-table";
import { StaffHeader } from "~/components/staff-header";
import { courseSessionRefs, requireCourse } from "~/library/library-view.server";
import { metaStaffStrings } from "~/strings/staff";
import { useStaffStrings } from "~/strings/staff";
import styles from "~/styles/reports.css";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? metaStaffStrings(matches).reports.course.historyTitle(data.course.title) : metaStaffStrings(matches).reports.history.titleFallback },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const staff = await staffPage(request, context, "organiser");
  const course = requireCourse(context, params.courseKey, staffStringsOf(request, context, staff.account));
  const sessions = await context.beside.reports.courseHistory(courseSessionRefs(course), staffLanguageOf(request, context, staff.account));
  return json({ staff, course: { key: course.key, title: course.title }, sessions });
}

/** A course's runs together: each session in course order, with its runs newest first. */
export default function CourseHistory() {
  const { staff, course, sessions } = useLoaderData<typeof loader>();
  const t = useStaffStrings().reports.course;
  const { history } = useStaffStrings().reports;
  const key = encodeURIComponent(course.key);
  return (
    <main className="page">
      <StaffHeader {...staff} />
      <p className="report__back">
        <Link to={`/courses/${key}`}>{t.back}</Link>
      </p>
      <h1>{t.historyHeading(course.title)}</h1>
      <p>
        <Link to={`/courses/${key}/compare`}>{t.compare}</Link>
      </p>
      {sessions.map((session) => (
        <section key={session.position} aria-labelledby={`session-${session.position}`} className="course-history__session">
          <h2 id={`session-${session.position}`}>
            <Link to={`/library/${encodeURIComponent(session.planKey)}/history`}>{t.sessionHeading(session.position, session.planTitle)}</Link>
          </h2>
          {session.runs.length === 0 ? <p>{t.notRun}</p> : <RunHistoryTable runs={session.runs} caption={t.caption(session.position)} />}
        </section>
      ))}
      <p className="history-note">{history.note}</p>
    </main>
  );
}
