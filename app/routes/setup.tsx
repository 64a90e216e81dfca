import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";

import { accountForms } from "~/auth/forms";
import { refusalInit } from "~/auth/retry-after";
import { NewPasswordField, SignInEmailField } from "~/components/account-fields";
import { currentAccount, sessionCookie, staffStringsOf } from "~/auth/session.server";
import { Field, FormError } from "~/components/field";
import { useValidatedForm } from "~/forms/use-validated-form";
import { validateForm } from "~/forms/validate";
import { metaStaffStrings, useStaffStrings } from "~/strings/staff";

export { keepRetryAfter as headers } from "~/auth/retry-after";

export const meta: MetaFunction = ({ matches }) => [{ title: metaStaffStrings(matches).staff.setup.title }];

/** The one-time setup of the first organiser, reached by the link the server prints while no account exists. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { accounts } = context.beside;
  if (!(await accounts.needsSetup())) throw redirect("/login");
  const token = new URL(request.url).searchParams.get("token") ?? "";
  if (!(await accounts.isSetupToken(token))) {
    throw new Response(staffStringsOf(request, context, await currentAccount(request, context)).staff.setup.badLink, {
      status: 403,
    });
  }
  return json({ token });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  // Put back into the form when the page comes back without JavaScript; never the password.
  const typed = {
    name: String(formData.get("name") ?? ""),
    email: String(formData.get("email") ?? ""),
  };
  const strings = staffStringsOf(request, context, await currentAccount(request, context));
  const form = validateForm(accountForms(strings).setupForm, formData);
  if (!form.ok) return json({ errors: form.errors, typed }, { status: 400 });
  const done = await context.beside.accounts.setUpFirstOrganiser(form.data, strings);
  if (!done.ok) return json({ errors: { form: done.error.message }, typed }, refusalInit(done, 403));
  return redirect("/library", {
    headers: {
      "Set-Cookie": sessionCookie(done.data.sessionToken, request, context.beside.config),
    },
  });
}

export default function Setup() {
  const { token } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const strings = useStaffStrings();
  const { errors, onSubmit } = useValidatedForm(accountForms(strings).setupForm, actionData?.errors);
  const busy = useNavigation().state !== "idle";
  const t = strings.staff.setup;
  return (
    <main className="page page--narrow">
      <header className="page-header">
        <p className="brand">Beside</p>
      </header>
      <h1>{t.heading}</h1>
      <p>{t.intro}</p>
      <Form method="post" noValidate onSubmit={onSubmit} className="stack-form">
        <FormError error={errors.form ?? errors.token} />
        <input type="hidden" name="token" value={token} />
        <Field label={t.name} name="name" autoComplete="name" required defaultValue={actionData?.typed.name} error={errors.name} />
        <SignInEmailField defaultValue={actionData?.typed.email} error={errors.email} />
        <NewPasswordField label={t.password} error={errors.password} />
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t.busy : t.submit}
        </button>
      </Form>
    </main>
  );
}
