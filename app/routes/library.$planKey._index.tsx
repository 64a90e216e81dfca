import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { requireAccount, staffLanguageOf, staffStringsOf } from "~/auth/session.server";
import { staffPage } from "~/auth/staff.server";
import { PlanIssues, PlanPreview, PlanWarnings } from "~/components/plan-preview";
import { FormError } from "~/components/field";
import { StaffHeader } from "~/components/staff-header";
import { validateForm } from "~/forms/validate";
import { libraryForms } from "~/library/forms";
import { planSummary, requirePlan, requireVersion, versionList } from "~/library/library-view.server";
import { StartRunForm } from "~/library/start-run-form";
import { startRunResponse } from "~/library/start-run.server";
import { metaStaffStrings, useStaffStrings } from "~/strings/staff";
import styles from "~/styles/library.css";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? metaStaffStrings(matches).library.plan.title(data.plan.title) : metaStaffStrings(matches).library.plan.titleFallback },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/** A plan's page: the chosen version (the newest by default) as slides, and every version. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const staff = await staffPage(request, context);
  const { plans, accounts, settings } = context.beside;
  const tag = staffLanguageOf(request, context, staff.account);
  const strings = staffStringsOf(request, context, staff.account);
  const plan = requirePlan(context, params.planKey, strings);
  const shown = requireVersion(plan, request, strings);
  return json({
    staff,
    organiser: staff.account.role === "organiser",
    plan: { ...planSummary(plan), file: plan.file },
    shown: { version: shown.version, result: shown.result, newest: shown.hash === plan.latest.hash && shown.version === plan.latest.version },
    versions: await versionList(plan, plan.versions, accounts, tag),
    defaultK: settings.get("defaultK"),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const account = await requireAccount(request, context);
  const { plans } = context.beside;
  const strings = staffStringsOf(request, context, account);
  const form = validateForm(libraryForms(strings).planActionForm, await request.formData());
  if (!form.ok) return json({ errors: form.errors }, { status: 400 });
  const plan = requirePlan(context, params.planKey, strings);
  const { data } = form;
  if (data.intent === "start") return startRunResponse(request, context, account, plan.key, data.k);

  await requireAccount(request, context, "organiser");
  if (data.intent === "clone") {
    const copy = await plans.clone(plan.key, data.version, account.id, strings);
    if (!copy.ok) return json({ errors: { form: copy.error.message } }, { status: copy.error.code === "not-found" ? 404 : 400 });
    return redirect(`/library/${copy.data.key}/edit`);
  }
  const changed = await plans.setArchived(plan.key, data.intent === "archive", strings);
  if (!changed.ok) return json({ errors: { form: changed.error.message } }, { status: 400 });
  return redirect(`/library/${plan.key}`);
}

export default function PlanPage() {
  const { staff, organiser, plan, shown, versions, defaultK } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const versionQuery = shown.version === null ? "" : `?version=${shown.version}`;
  const { facts } = useStaffStrings().library;
  const t = useStaffStrings().library.plan;
  return (
    <main className="page">
      <StaffHeader {...staff} />
      <p>
        <Link to="/library">{t.back}</Link>
      </p>
      <h1>{plan.title}</h1>
      <p className="plan-badges">
        {plan.kind === "built-in" ? <span className="badge">{facts.builtIn}</span> : null}
        {shown.version !== null ? <span className="badge">{facts.version(shown.version)}</span> : null}
        {!shown.result.ok ? <span className="badge badge--draft">{facts.draft}</span> : null}
        {plan.archived ? <span className="badge">{facts.archived}</span> : null}
      </p>
      {plan.kind === "built-in" ? <p className="plan-page__meta">{t.builtInFrom(plan.file!)}</p> : null}
      <FormError error={actionData?.errors ? (actionData.errors.form ?? Object.values(actionData.errors)[0]) : undefined} />

      <section aria-labelledby="plan-actions" className="plan-actions">
        <h2 id="plan-actions" className="visually-hidden">
          {t.actions}
        </h2>
        {plan.startable ? (
          <div>
            {plan.startableVersion !== null ? <p className="plan-page__meta">{t.newRunsUse(plan.startableVersion)}</p> : null}
            <StartRunForm planId={plan.key} planTitle={plan.title} defaultK={defaultK} intent="start" />
          </div>
        ) : (
          <p className="notice">{t.notStartable}</p>
        )}
        {organiser ? (
          <div className="plan-actions__row">
            {plan.kind === "own" ? (
              <Link to={`/library/${plan.key}/edit`} className="button">
                {t.edit}
              </Link>
            ) : null}
            <Form method="post">
              <input type="hidden" name="intent" value="clone" />
              <input type="hidden" name="version" value={shown.version ?? ""} />
              <button type="submit" className="button">
                {shown.version !== null ? t.cloneVersion(shown.version) : t.clone}
              </button>
            </Form>
            <a href={`/library/${plan.key}/export${versionQuery}`} className="button" download>
              {t.export}
            </a>
            <Form method="post">
              <input type="hidden" name="intent" value={plan.archived ? "restore" : "archive"} />
              <button type="submit" className="button button--quiet">
                {plan.archived ? t.restore : t.archive}
              </button>
            </Form>
            {/* The plan's run history and reports: built on their own page (library.$planKey.history). */}
            <Link to={`/library/${plan.key}/history`}>{t.pastRuns}</Link>
          </div>
        ) : null}
      </section>

      <div className="plan-page">
        <section aria-labelledby="shown-version" className="plan-page__preview">
          <h2 id="shown-version">
            {shown.version === null ? t.slides : facts.version(shown.version)}
            {shown.newest ? ` ${t.newest}` : ""}
          </h2>
          {shown.result.ok ? (
            <>
              <PlanWarnings warnings={shown.result.warnings} headingLevel={3} />
              <PlanPreview plan={shown.result.plan} headingLevel={3} />
            </>
          ) : (
            <div className="error">
              <p>{t.draftVersion}</p>
              <PlanIssues issues={shown.result.issues} />
            </div>
          )}
        </section>

        <section aria-labelledby="versions" className="plan-page__versions">
          <h2 id="versions">{t.versions}</h2>
          <ol className="version-list" reversed>
            {versions.map((version) => (
              <li key={version.version ?? "file"} aria-current={version.version === shown.version ? "true" : undefined}>
                {version.version === null ? (
                  <span>{t.fileAsItIs}</span>
                ) : (
                  <Link to={`?version=${version.version}`}>{facts.version(version.version)}</Link>
                )}
                {version.savedAtText ? (
                  <>
                    {" "}
                    · <time dateTime={version.savedAt ?? undefined}>{version.savedAtText}</time>
                  </>
                ) : null}
                {version.savedBy ? ` · ${version.savedBy}` : null}
                {" · "}
                {version.draft ? <span className="badge badge--draft">{facts.draft}</span> : t.valid}
                {version.usedByNewRuns ? <strong> · {t.usedByNewRuns}</strong> : null}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </main>
  );
}
