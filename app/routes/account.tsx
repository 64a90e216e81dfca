import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";

import { changePasswordForm } from "~/auth/forms";
import { keepRetryAfter, refusalInit } from "~/auth/retry-after";
import { requireAccount, sessionCookie } from "~/auth/session.server";
import { staffPage } from "~/auth/staff.server";
import { NewPasswordField } from "~/components/account-fields";
import { Field, FormError } from "~/components/field";
import { StaffHeader } from "~/components/staff-header";
import { useValidatedForm } from "~/forms/use-validated-form";
import { validateForm, type FieldErrors } from "~/forms/validate";
import { staffEn } from "~/strings/en/staff-pages";
import { useStaffStrings } from "~/strings/staff";
import styles from "~/styles/accounts.css";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const headers = keepRetryAfter;

export const meta: MetaFunction = () => [{ title: staffEn.staff.account.title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  return json({ staff: staffPage(request, context), changed: new URL(request.url).searchParams.has("changed") });
}

type Reply = { errors?: FieldErrors };

export async function action({ request, context }: ActionFunctionArgs) {
  const you = requireAccount(request, context);
  const form = validateForm(changePasswordForm, await request.formData());
  if (!form.ok) return json<Reply>({ errors: form.errors }, { status: 400 });
  // This browser stays signed in; every other sign-in of this account ends.
  const changed = await context.beside.accounts.setPassword(you.id, form.data.password, { current: form.data.current, keepSignedIn: true });
  if (!changed.ok) {
    const field = changed.error.code === "forbidden" ? "current" : "form";
    return json<Reply>({ errors: { [field]: changed.error.message } }, refusalInit(changed, 400));
  }
  // A new sign-in token too: one copied before the change stops working. A redirect, so the page that
  // follows is loaded with the new token, with or without JavaScript.
  return redirect("/account?changed", {
    headers: { "Set-Cookie": sessionCookie(changed.data.sessionToken!, request, context.beside.config) },
  });
}

export default function AccountPage() {
  const { staff, changed } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { errors, onSubmit } = useValidatedForm(changePasswordForm, reply?.errors);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (changed) form.current?.reset();
  }, [changed]);
  const busy = useNavigation().state === "submitting";
  const { account } = staff;
  const { roles } = useStaffStrings().staff;
  const t = useStaffStrings().staff.account;
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
