import { Form, Link, useNavigation } from "@remix-run/react";

import { useStaffStrings } from "~/strings/staff";

import type { CourseCard } from "./library-view.server";
import { StartRunForm } from "./start-run-form";

/** A course's sessions in order, numbered, each linking to its plan's page and startable as the plan is. */
export function CourseSessions({ course, defaultK }: { course: CourseCard; defaultK: number }) {
  const t = useStaffStrings().library.courses;
  return (
    <ol className="course-sessions" aria-label={t.sessions(course.title)}>
      {course.sessions.map((session) => (
        <li key={session.position} className="course-session">
          {/* The number is part of the link's name: in the library, the plan's own card links to it by its title alone. */}
          <p className="course-session__title">
            <Link to={`/library/${encodeURIComponent(session.key)}`}>{t.session(session.position, session.title)}</Link>
          </p>
          {session.startable ? (
            <StartRunForm planId={session.key} planTitle={session.title} defaultK={defaultK} />
          ) : (
            <p className="notice">{t.notStartable}</p>
          )}
        </li>
      ))}
    </ol>
  );
}

/** The organiser's one button that clones a whole course (every session's plan, and a course of them). */
export function CloneCourseForm({ course }: { course: CourseCard }) {
  const navigation = useNavigation();
  const action = `/courses/${encodeURIComponent(course.key)}`;
  const cloning = navigation.state !== "idle" && navigation.formAction === action && navigation.formData?.get("intent") === "clone";
  const t = useStaffStrings().library.courses;
  return (
    <Form method="post" action={action} className="course-clone">
      <input type="hidden" name="intent" value="clone" />
      <button type="submit" className="button" disabled={cloning}>
        {cloning ? (
          t.cloning
        ) : (
          <>
            {t.clone}
            <span className="visually-hidden"> {t.cloneOf(course.title)}</span>
          </>
        )}
      </button>
      <p className="course-clone__note">{t.cloneNote}</p>
    </Form>
  );
}
