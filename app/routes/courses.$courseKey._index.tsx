import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";

import { requireAccount, staffStringsOf } from "~/auth/session.server";
import { staffPage } from "~/auth/staff.server";
import { FormError } from "~/components/field";
import { StaffHeader } from "~/components/staff-header";
import { validateForm } from "~/forms/validate";
import { CloneCourseForm, CourseSessions } from "~/library/course-sessions";
import { libraryForms } from "~/library/forms";
import { courseCard, requireCourse } from "~/library/library-view.server";
import { metaStaffStrings, useStaffStrings } from "~/strings/staff";
import styles from "~/styles/library.css";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? metaStaffStrings(matches).library.courses.title(data.course.title) : metaStaffStrings(matches).library.courses.titleFallback },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/** A course's page: its sessions in order, each startable; for organisers, clone, history and check-in / check-out. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const staff = await staffPage(request, context);
  const course = requireCourse(context, params.courseKey, staffStringsOf(request, context, staff.account));
  return json({
    staff,
    organiser: staff.account.role === "organiser",
    course: courseCard(course),
    defaultK: context.beside.settings.get("defaultK"),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const strings = staffStringsOf(request, context, await requireAccount(request, context));
  const form = validateForm(libraryForms(strings).courseActionForm, await request.formData());
  if (!form.ok) return json({ errors: form.errors }, { status: 400 });
  const account = await requireAccount(request, context, "organiser");
  const course = requireCourse(context, params.courseKey, strings);
  const copy = await context.beside.courses.clone(course.key, account.id, strings);
  if (!copy.ok) return json({ errors: { form: copy.error.message } }, { status: copy.error.code === "not-found" ? 404 : 400 });
  return redirect(`/courses/${copy.data.key}`);
}

export default function CoursePage() {
  const { staff, organiser, course, defaultK } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useStaffStrings().library.courses;
  const key = encodeURIComponent(course.key);
  return (
    <main className="page">
      <StaffHeader {...staff} />
      <p>
        <Link to="/library">{t.back}</Link>
      </p>
      <h1>{course.title}</h1>
      <p className="plan-badges">
        <span className="badge">{course.kind === "built-in" ? t.builtIn : t.own}</span>
      </p>
      {course.file ? <p className="plan-page__meta">{t.builtInFrom(course.file)}</p> : null}
      {course.clonedFrom ? <p className="plan-page__meta">{t.clonedFrom(course.clonedFrom)}</p> : null}
      <FormError error={actionData?.errors ? (actionData.errors.form ?? Object.values(actionData.errors)[0]) : undefined} />
      <p>{course.summary}</p>
      {organiser ? (
        <ul className="course-links">
          <li>
            <Link to={`/courses/${key}/history`}>{t.history}</Link>
          </li>
          <li>
            <Link to={`/courses/${key}/compare`}>{t.compare}</Link>
          </li>
        </ul>
      ) : null}
      {organiser ? <CloneCourseForm course={course} /> : null}
      <h2>{t.sessions(course.title)}</h2>
      <CourseSessions course={course} defaultK={defaultK} />
    </main>
  );
}
