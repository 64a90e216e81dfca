import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { staffLanguageOf, staffPage, staffStringsOf } from "~/auth/staff.server";
import { ComparedResults } from "~/components/results-view";
import { StaffHeader } from "~/components/staff-header";
import { courseSessionRefs, requireCourse } from "~/library/library-view.server";
import { metaStaffStrings } from "~/strings/staff";
import { useStaffStrings } from "~/strings/staff";
import styles from "~/styles/reports.css";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? metaStaffStrings(matches).reports.course.compareTitle(data.course.title) : metaStaffStrings(matches).reports.compare.titleFallback },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const staff = await staffPage(request, context, "organiser");
  const course = requireCourse(context, params.courseKey, staffStringsOf(request, context, staff.account));
  const sessions = await context.beside.reports.courseCheckInOut(courseSessionRefs(course), staffLanguageOf(request, context, staff.account));
  return json({ staff, course: { key: course.key, title: course.title }, sessions });
}

/**
 * The group's check-in beside its check-out, for each session of a course in
 * order and each of its ended runs: group distributions only, each under its own k.
 */
export default function CourseCompare() {
  const { staff, course, sessions } = useLoaderData<typeof loader>();
  const t = useStaffStrings().reports.course;
  const key = encodeURIComponent(course.key);
  return (
    <main className="page">
      <StaffHeader {...staff} />
      <p className="report__back">
        <Link to={`/courses/${key}`}>{t.back}</Link>
      </p>
      <h1>{t.compareHeading(course.title)}</h1>
      <p className="history-note">{t.compareNote}</p>
      {sessions.map((session) => (
        <section key={session.position} aria-labelledby={`session-${session.position}`} className="course-compare__session">
          <h2 id={`session-${session.position}`}>{t.sessionHeading(session.position, session.planTitle)}</h2>
          {session.runs.length === 0 ? <p>{t.noneEnded}</p> : null}
          {session.runs.map((run) => (
            <section key={run.id} aria-labelledby={`run-${run.id}`} className="course-compare__run">
              <h3 id={`run-${run.id}`}>
                <Link to={`/runs/${run.id}`}>{t.run(run.started)}</Link>
              </h3>
              {!run.checkOut ? (
                <p>{t.noCheckOut}</p>
              ) : !run.asked ? (
                <p>{t.notAsked}</p>
              ) : (
                <ComparedResults comparison={run.checkOut.comparison} results={run.checkOut.results} headingLevel={3} />
              )}
            </section>
          ))}
        </section>
      ))}
    </main>
  );
}
