import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";

import { accountForms, isAccountsPageIntent, MIN_PASSWORD_LENGTH } from "~/auth/forms";
import type { PasswordResult } from "~/auth/accounts.server";
import { keepRetryAfter, refusalInit } from "~/auth/retry-after";
import { ROLES, type Account } from "~/auth/roles";
import { requireAccount, sessionCookie, staffStringsOf } from "~/auth/session.server";
import { staffPage } from "~/auth/staff.server";
import { NewPasswordField } from "~/components/account-fields";
import { AccountIntentForm, type AccountFormReply } from "~/components/account-intent-form";
import { Field, SelectField } from "~/components/field";
import { StaffHeader } from "~/components/staff-header";
import { validateForm } from "~/forms/validate";
import type { ErrorCode } from "~/realtime/events";
import { metaStaffStrings, useStaffStrings } from "~/strings/staff";
import styles from "~/styles/accounts.css";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const headers = keepRetryAfter;

export const meta: MetaFunction = ({ matches }) => [{ title: metaStaffStrings(matches).staff.accounts.title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await staffPage(request, context, "organiser");
  return json({ staff, accounts: await context.beside.accounts.list() });
}

/** A refusal from the Accounts service as an HTTP status: "forbidden" there means the change conflicts with the accounts as they are. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  "not-found": 404,
  forbidden: 409,
};

export async function action({ request, context }: ActionFunctionArgs) {
  const you = await requireAccount(request, context, "organiser");
  const { accounts } = context.beside;
  const strings = staffStringsOf(request, context, you);
  const t = strings.staff.accounts;
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (!isAccountsPageIntent(intent)) {
    return json<AccountFormReply>({ intent: String(intent ?? ""), errors: { form: t.unknownIntent } }, { status: 400 });
  }
  const accountId = intent === "add" ? undefined : String(formData.get("accountId") ?? "");
  const form = validateForm(accountForms(strings).accountsPageForms[intent], formData);
  if (!form.ok) {
    const values = {
      name: String(formData.get("name") ?? ""),
      email: String(formData.get("email") ?? ""),
      role: String(formData.get("role") ?? ""),
    };
    return json<AccountFormReply>({ intent, accountId, errors: form.errors, values }, { status: 400 });
  }

  const data = form.data;
  let outcome: PasswordResult<Account>;
  let newSession: string | undefined;
  switch (data.intent) {
    case "add":
      outcome = await accounts.createAccount(data, strings);
      if (!outcome.ok) {
        const values = { name: data.name, email: data.email, role: data.role };
        // Busy is about the server, not the address typed.
        const errors = outcome.error.code === "too-many" ? { form: outcome.error.message } : { email: outcome.error.message };
        return json<AccountFormReply>({ intent, errors, values }, refusalInit(outcome, 400));
      }
      return json<AccountFormReply>({
        intent,
        done: t.done.added(outcome.data.name, strings.staff.roleWords[outcome.data.role]),
      });
    case "edit":
      outcome = await accounts.change(data.accountId, { name: data.name, email: data.email }, strings);
      if (!outcome.ok && outcome.error.code === "invalid-payload") {
        const values = { name: data.name, email: data.email };
        return json<AccountFormReply>(
          {
            intent,
            accountId,
            errors: { email: outcome.error.message },
            values,
          },
          { status: 409 },
        );
      }
      break;
    case "change-role":
      outcome = await accounts.change(data.accountId, { role: data.role }, strings);
      break;
    case "disable":
    case "enable":
      outcome = await accounts.change(data.accountId, { disabled: data.intent === "disable" }, strings);
      break;
    case "reset-password": {
      // Resetting your own password here keeps you signed in on this browser, as on your account page.
      const reset = await accounts.setPassword(data.accountId, data.password, { keepSignedIn: data.accountId === you.id }, strings);
      if (reset.ok && reset.data.sessionToken) newSession = sessionCookie(reset.data.sessionToken, request, context.beside.config);
      outcome = reset.ok ? { ok: true, data: (await accounts.get(data.accountId))! } : reset;
      break;
    }
  }
  if (!outcome.ok) {
    return json<AccountFormReply>(
      { intent, accountId, errors: { form: outcome.error.message } },
      refusalInit(outcome, STATUS[outcome.error.code] ?? 400),
    );
  }
  // An organiser who disabled or demoted themselves can no longer use this page.
  if (outcome.data.id === you.id && data.intent === "disable") return redirect("/login");
  if (outcome.data.id === you.id && outcome.data.role !== "organiser") return redirect("/library");
  const { name, email, role } = outcome.data;
  const done = {
    edit: t.done.edited(name, email),
    "change-role": t.done.roleChanged(name, strings.staff.roleWords[role]),
    disable: t.done.disabled(name),
    enable: t.done.enabled(name),
    "reset-password": t.done.passwordReset(name),
  }[data.intent];
  return json<AccountFormReply>({ intent, accountId, done }, newSession ? { headers: { "Set-Cookie": newSession } } : undefined);
}

export default function AccountsPage() {
  const { staff, accounts } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { roles } = useStaffStrings().staff;
  const t = useStaffStrings().staff.accounts;
  const { addAccountForm, changeRoleForm, editAccountForm, resetPasswordForm, setDisabledForm } = accountForms(useStaffStrings());
  return (
    <main className="page accounts">
      <StaffHeader {...staff} />
      <h1>{t.heading}</h1>
      <p>{t.intro}</p>
      {reply?.done ? (
        <p className="notice" role="status">
          {reply.done}
        </p>
      ) : null}

      <table className="accounts__table">
        <caption className="visually-hidden">{t.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.columns.name}</th>
            <th scope="col">{t.columns.email}</th>
            <th scope="col">{t.columns.role}</th>
            <th scope="col">{t.columns.status}</th>
            <th scope="col">{t.columns.changes}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.id} className={account.disabled ? "accounts__row--disabled" : undefined}>
              <th scope="row">
                {account.name}
                {account.id === staff.account.id ? <span className="accounts__you"> {t.you}</span> : null}
              </th>
              <td className="accounts__email">{account.email}</td>
              <td>{roles[account.role]}</td>
              <td>{account.disabled ? t.disabled : t.active}</td>
              <td className="accounts__changes">
                <AccountIntentForm
                  schema={changeRoleForm}
                  intent="change-role"
                  accountId={account.id}
                  reply={reply}
                  className="accounts__inline"
                  confirm={account.id === staff.account.id ? t.changeOwnRole : undefined}
                >
                  {({ busy }) => (
                    <>
                      <label>
                        <span className="visually-hidden">{t.roleOf(account.name)}</span>
                        <select name="role" defaultValue={account.role}>
                          {ROLES.map((role) => (
                            <option key={role} value={role}>
                              {roles[role]}
                            </option>
                          ))}
                        </select>
                      </label>
                      <button type="submit" className="button button--small" disabled={busy}>
                        {t.changeRole}
                      </button>
                    </>
                  )}
                </AccountIntentForm>
                {account.id === staff.account.id ? (
                  // One click must not lock you out: your own account is disabled by another organiser, if ever.
                  <p>{t.ownRoleNote}</p>
                ) : (
                  <AccountIntentForm
                    schema={setDisabledForm}
                    intent={account.disabled ? "enable" : "disable"}
                    accountId={account.id}
                    reply={reply}
                    className="accounts__inline"
                  >
                    {({ busy }) => (
                      <button type="submit" className="button button--small" disabled={busy}>
                        {account.disabled ? t.enable : t.disable}
                        <span className="visually-hidden"> {account.name}</span>
                      </button>
                    )}
                  </AccountIntentForm>
                )}
                <details className="accounts__reset" open={reply?.intent === "edit" && reply.accountId === account.id && !reply.done}>
                  <summary>{t.edit}</summary>
                  <AccountIntentForm schema={editAccountForm} intent="edit" accountId={account.id} reply={reply} className="stack-form">
                    {({ errors, busy, values }) => (
                      <>
                        <Field
                          label={t.nameOf(account.name)}
                          name="name"
                          autoComplete="off"
                          required
                          defaultValue={values.name ?? account.name}
                          error={errors.name}
                        />
                        <Field
                          label={t.emailOf(account.name)}
                          name="email"
                          type="email"
                          autoComplete="off"
                          required
                          defaultValue={values.email ?? account.email}
                          hint={t.emailHint}
                          error={errors.email}
                        />
                        <button type="submit" className="button button--small" disabled={busy}>
                          {t.saveEdit}
                        </button>
                      </>
                    )}
                  </AccountIntentForm>
                </details>
                <details className="accounts__reset" open={reply?.intent === "reset-password" && reply.accountId === account.id && !reply.done}>
                  <summary>{t.resetPassword}</summary>
                  <AccountIntentForm schema={resetPasswordForm} intent="reset-password" accountId={account.id} reply={reply} className="stack-form">
                    {({ errors, busy }) => (
                      <>
                        <NewPasswordField label={t.newPasswordFor(account.name)} hint={t.resetHint(MIN_PASSWORD_LENGTH)} error={errors.password} />
                        <button type="submit" className="button button--small" disabled={busy}>
                          {t.setPassword}
                        </button>
                      </>
                    )}
                  </AccountIntentForm>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <section aria-labelledby="add-account" className="accounts__add">
        <h2 id="add-account">{t.add}</h2>
        <AccountIntentForm schema={addAccountForm} intent="add" reply={reply} className="stack-form">
          {({ errors, busy, values }) => (
            <>
              <Field label={t.name} name="name" autoComplete="off" required defaultValue={values.name} error={errors.name} />
              <Field label={t.email} name="email" type="email" autoComplete="off" required defaultValue={values.email} error={errors.email} />
              <SelectField label={t.role} name="role" defaultValue={values.role || "facilitator"} error={errors.role}>
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {roles[role]}
                  </option>
                ))}
              </SelectField>
              <NewPasswordField label={t.firstPassword} hint={t.firstPasswordHint(MIN_PASSWORD_LENGTH)} error={errors.password} />
              <button type="submit" className="button button--primary" disabled={busy}>
                {busy ? t.adding : t.submitAdd}
              </button>
            </>
          )}
        </AccountIntentForm>
      </section>
    </main>
  );
}
