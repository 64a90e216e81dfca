import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";

import { accountForms, redirectTo as redirectPath } from "~/auth/forms";
import { currentAccount, sessionCookie, staffStringsOf } from "~/auth/session.server";
import { SignInEmailField } from "~/components/account-fields";
import { Field, FormError } from "~/components/field";
import { useValidatedForm } from "~/forms/use-validated-form";
import { validateForm } from "~/forms/validate";

import { refusalInit } from "~/auth/retry-after";
import { SetupHint } from "~/components/setup-hint";
import { metaStaffStrings, useStaffStrings } from "~/strings/staff";

export { keepRetryAfter as headers } from "~/auth/retry-after";

export const meta: MetaFunction = ({ matches }) => [{ title: metaStaffStrings(matches).staff.signIn.title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const redirectTo = redirectPath.parse(new URL(request.url).searchParams.get("redirectTo") ?? undefined);
  if (await currentAccount(request, context)) throw redirect(redirectTo);
  return json({ redirectTo, needsSetup: await context.beside.accounts.needsSetup() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  // Put back into the form when the page comes back without JavaScript; never the password.
  const typed = { email: String(formData.get("email") ?? "") };
  const strings = staffStringsOf(request, context, await currentAccount(request, context));
  const form = validateForm(accountForms(strings).signInForm, formData);
  if (!form.ok) return json({ errors: form.errors, typed }, { status: 400 });
  const signedIn = await context.beside.accounts.signIn(form.data.email, form.data.password, strings);
  if (!signedIn.ok) {
    const message = signedIn.error.code === "too-many" ? signedIn.error.message : strings.staff.signIn.refused(signedIn.error.message);
    return json({ errors: { form: message }, typed }, refusalInit(signedIn, 401));
  }
  return redirect(form.data.redirectTo, {
    headers: {
      "Set-Cookie": sessionCookie(signedIn.data.sessionToken, request, context.beside.config),
    },
  });
}

export default function SignIn() {
  const { redirectTo, needsSetup } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const strings = useStaffStrings();
  const { errors, onSubmit } = useValidatedForm(accountForms(strings).signInForm, actionData?.errors);
  const busy = useNavigation().state !== "idle";
  const t = strings.staff.signIn;
  return (
    <main className="page page--narrow">
      <header className="page-header">
        <p className="brand">Beside</p>
        <nav>
          <Link to="/join">{t.join}</Link>
        </nav>
      </header>
      <h1>{t.heading}</h1>
      <p>{t.intro}</p>
      {needsSetup ? <SetupHint /> : null}
      <Form method="post" noValidate onSubmit={onSubmit} className="stack-form">
        <FormError error={errors.form} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <SignInEmailField defaultValue={actionData?.typed.email} error={errors.email} />
        <Field label={t.password} name="password" type="password" autoComplete="current-password" required error={errors.password} />
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t.busy : t.submit}
        </button>
      </Form>
    </main>
  );
}
