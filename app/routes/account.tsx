import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";

import { accountForms } from "~/auth/forms";
import { keepRetryAfter, refusalInit } from "~/auth/retry-after";
import { requireAccount, sessionCookie, staffStringsOf } from "~/auth/session.server";
import { staffPage } from "~/auth/staff.server";
import { NewPasswordField } from "~/components/account-fields";
import { Field, FormError, SelectField } from "~/components/field";
import { StaffHeader } from "~/components/staff-header";
import { useValidatedForm } from "~/forms/use-validated-form";
import { validateForm, type FieldErrors } from "~/forms/validate";
import { availableCatalogues } from "~/strings/catalogues.server";
import { LANGUAGE_NAMES, metaStaffStrings, useStaffStrings } from "~/strings/staff";
import { usePageLanguage, type PageLanguages } from "~/utils/page-language";
import styles from "~/styles/accounts.css";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const headers = keepRetryAfter;

export const meta: MetaFunction = ({ matches }) => [{ title: metaStaffStrings(matches).staff.account.title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const search = new URL(request.url).searchParams;
  return json({
    staff: await staffPage(request, context),
    changed: search.has("changed"),
    languageSaved: search.has("language"),
  });
}

/** A refused form's errors, and which of the page's two forms they are for. */
type Reply = { form: "language" | "password"; errors?: FieldErrors };

export async function action({ request, context }: ActionFunctionArgs) {
  const you = await requireAccount(request, context);
  const strings = staffStringsOf(request, context, you);
  const forms = accountForms(strings);
  const formData = await request.formData();
  if (formData.get("intent") === "language") {
    // Only a language this server's pages may speak; anything else is refused and the account keeps its own.
    const chosen = validateForm(forms.languageForm(availableCatalogues(context.beside.config)), formData);
    if (!chosen.ok) return json<Reply>({ form: "language", errors: chosen.errors }, { status: 400 });
    await context.beside.accounts.setLanguage(you.id, chosen.data.language === "en" ? null : chosen.data.language);
    // A redirect, so the page that follows is drawn (and its catalogue loaded) in the new language.
    return redirect("/account?language");
  }
  const form = validateForm(forms.changePasswordForm, formData);
  if (!form.ok) return json<Reply>({ form: "password", errors: form.errors }, { status: 400 });
  // This browser stays signed in; every other sign-in of this account ends.
  const changed = await context.beside.accounts.setPassword(you.id, form.data.password, { current: form.data.current, keepSignedIn: true }, strings);
  if (!changed.ok) {
    const field = changed.error.code === "forbidden" ? "current" : "form";
    return json<Reply>({ form: "password", errors: { [field]: changed.error.message } }, refusalInit(changed, 400));
  }
  // A new sign-in token too: one copied before the change stops working. A redirect, so the page that
  // follows is loaded with the new token, with or without JavaScript.
  return redirect("/account?changed", {
    headers: {
      "Set-Cookie": sessionCookie(changed.data.sessionToken!, request, context.beside.config),
    },
  });
}

export default function AccountPage() {
  const { staff, changed, languageSaved } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const strings = useStaffStrings();
  const { errors, onSubmit } = useValidatedForm(accountForms(strings).changePasswordForm, reply?.form === "password" ? reply.errors : undefined);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (changed) form.current?.reset();
  }, [changed]);
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") !== "language";
  const { account } = staff;
  const { roles } = strings.staff;
  const t = strings.staff.account;
  return (
    <main className="page account">
      <StaffHeader {...staff} />
      <h1>{t.heading}</h1>
      <dl className="account__facts">
        <dt>{t.name}</dt>
        <dd>{account.name}</dd>
        <dt>{t.email}</dt>
        <dd>{account.email}</dd>
        <dt>{t.role}</dt>
        <dd>{roles[account.role]}</dd>
      </dl>
      <p>{t.askOrganiser}</p>

      <LanguageChoice saved={languageSaved} errors={reply?.form === "language" ? reply.errors : undefined} />

      <section aria-labelledby="change-password">
        <h2 id="change-password">{t.changePassword}</h2>
        {changed ? (
          <p className="notice" role="status">
            {t.changed}
          </p>
        ) : null}
        <Form ref={form} method="post" noValidate onSubmit={onSubmit} className="stack-form">
          <FormError error={errors.form} />
          {/* Lets a password manager file the new password under the right account. */}
          <input type="hidden" name="username" autoComplete="username" value={account.email} />
          <Field label={t.current} name="current" type="password" autoComplete="current-password" required error={errors.current} />
          <NewPasswordField label={t.newPassword} error={errors.password} />
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t.busy : t.submit}
          </button>
        </Form>
      </section>
    </main>
  );
}

/** The language of this staff member's pages and console, each named in itself. */
function LanguageChoice({ saved, errors }: { saved: boolean; errors?: FieldErrors }) {
  const t = useStaffStrings().staff.account;
  const catalogues = useRouteLoaderData<PageLanguages>("root")?.catalogues ?? [];
  const { tag } = usePageLanguage();
  const busy = useNavigation().formData?.get("intent") === "language";
  return (
    <section aria-labelledby="your-language">
      <h2 id="your-language">{t.languageHeading}</h2>
      {saved ? (
        <p className="notice" role="status">
          {t.languageSaved}
        </p>
      ) : null}
      <Form method="post" className="stack-form">
        <FormError error={errors?.form} />
        <input type="hidden" name="intent" value="language" />
        <SelectField label={t.languageLabel} name="language" defaultValue={tag} hint={t.languageHint} error={errors?.language} key={tag}>
          {catalogues.map((language) => (
            <option key={language} value={language} lang={language}>
              {LANGUAGE_NAMES[language] ?? language}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button" disabled={busy}>
          {t.languageSubmit}
        </button>
      </Form>
    </section>
  );
}
