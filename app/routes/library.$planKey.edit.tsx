import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";

import { requireAccount, staffStringsOf } from "~/auth/session.server";
import { staffPage } from "~/auth/staff.server";
import { PlanEditor, type PlanCheck } from "~/components/plan-editor";
import { FormError } from "~/components/field";
import { StaffHeader } from "~/components/staff-header";
import { useValidatedForm } from "~/forms/use-validated-form";
import { validateForm } from "~/forms/validate";
import { libraryForms } from "~/library/forms";
import { planCheck, requirePlan, savedNotice, versionParam } from "~/library/library-view.server";
import { metaStaffStrings, useStaffStrings } from "~/strings/staff";
import styles from "~/styles/library.css";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? metaStaffStrings(matches).library.edit.title(data.plan.title) : metaStaffStrings(matches).library.edit.titleFallback },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/** The editor: an own plan's newest version, saved as a new version. A built-in plan can only be cloned. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const staff = await staffPage(request, context, "organiser");
  const strings = staffStringsOf(request, context, staff.account);
  const plan = requirePlan(context, params.planKey, strings);
  const summary = { key: plan.key, kind: plan.kind, title: plan.title };
  if (plan.kind === "built-in") return json({ staff, plan: summary, editing: null, saved: null });
  return json({
    staff,
    plan: summary,
    editing: { version: plan.latest.version, source: plan.latest.source, check: planCheck(plan.latest.result) },
    saved: savedNotice(plan, versionParam(request, "saved"), strings),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const account = await requireAccount(request, context, "organiser");
  const strings = staffStringsOf(request, context, account);
  const plan = requirePlan(context, params.planKey, strings);
  const formData = await request.formData();
  const typed = typeof formData.get("source") === "string" ? (formData.get("source") as string) : "";
  const form = validateForm(libraryForms(strings).savePlanForm, formData);
  if (!form.ok) return json({ errors: form.errors, source: typed, notice: null }, { status: 400 });
  const saved = await context.beside.plans.saveVersion(plan.key, form.data.source, account.id, strings);
  if (!saved.ok) return json({ errors: { form: saved.error.message }, source: typed, notice: null }, { status: saved.error.code === "forbidden" ? 403 : 400 });
  if (!saved.data.created) {
    return json({ errors: {}, source: typed, notice: strings.library.edit.nothingChanged(saved.data.version!) });
  }
  return redirect(`/library/${plan.key}/edit?saved=${saved.data.version}`);
}

export default function EditPlan() {
  const { staff, plan, editing, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { errors, onSubmit } = useValidatedForm(libraryForms(useStaffStrings()).savePlanForm, actionData?.errors);
  const saving = useNavigation().state === "submitting";
  const t = useStaffStrings().library.edit;

  return (
    <main className="page page--wide">
      <StaffHeader {...staff} />
      <p>
        <Link to={`/library/${plan.key}`}>{t.back(plan.title)}</Link>
      </p>
      {editing === null ? (
        <>
          <h1>{plan.title}</h1>
          <p className="notice">{t.builtIn}</p>
          <Form method="post" action={`/library/${plan.key}?index`}>
            <input type="hidden" name="intent" value="clone" />
            <button type="submit" className="button button--primary">
              {t.clone}
            </button>
          </Form>
        </>
      ) : (
        <>
          <h1>
            {t.heading(plan.title)} <span className="plan-page__meta">{t.editingVersion(editing.version!)}</span>
          </h1>
          {saved ? (
            <p className={saved.draft ? "error" : "notice"} role="status">
              {saved.text}
            </p>
          ) : null}
          {actionData?.notice ? (
            <p className="notice" role="status">
              {actionData.notice}
            </p>
          ) : null}
          <Form method="post" noValidate onSubmit={onSubmit} className="plan-editor__form">
            <FormError error={errors.form} />
            <PlanEditor
              key={editing.version}
              defaultSource={actionData?.source ?? editing.source}
              savedSource={editing.source}
              initialCheck={editing.check as PlanCheck}
              error={errors.source}
            />
            <p className="plan-editor__actions">
              <button type="submit" className="button button--primary" disabled={saving}>
                {saving ? t.saving : t.save}
              </button>{" "}
              {t.draftNote}
            </p>
          </Form>
        </>
      )}
    </main>
  );
}
