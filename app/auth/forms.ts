import { z } from "zod";

import { perCatalogue } from "~/forms/per-catalogue";
import { isIntentOf } from "~/forms/validate";

import { ROLES } from "./roles";

export const MIN_PASSWORD_LENGTH = 12;

/**
 * The account forms' schemas, used by the browser before sending and by the actions, their refusals in the
 * staff page's language (perCatalogue).
 */
export const accountForms = perCatalogue((strings) => {
  const t = strings.staff.forms;

  const email = z.string({ required_error: t.enterEmail }).trim().toLowerCase().min(1, t.enterEmail).max(254, t.emailTooLong).email(t.emailLike);

  const name = z.string().trim().min(1, t.enterName).max(80, t.nameTooLong(80));

  const newPassword = z
    .string({ required_error: t.choosePassword })
    .min(MIN_PASSWORD_LENGTH, t.passwordTooShort(MIN_PASSWORD_LENGTH))
    .max(200, t.passwordTooLong(200));

  const signInForm = z.object({
    email,
    password: z.string({ required_error: t.enterPassword }).min(1, t.enterPassword).max(200),
    redirectTo,
  });

  const setupForm = z.object({
    token: z.string().min(1).max(200),
    name,
    email,
    password: newPassword,
  });

  const role = z.enum(ROLES, { errorMap: () => ({ message: t.chooseRole }) });

  const newAccountForm = z.object({
    name,
    email,
    role,
    password: newPassword,
  });

  const changePasswordForm = z.object({
    current: z.string({ required_error: t.enterCurrentPassword }).min(1, t.enterCurrentPassword).max(200),
    password: newPassword,
  });

  /*
   * The accounts page's forms. Each posts an `intent` naming what it does;
   * the action picks the schema by intent (accountsPageForms).
   */

  const accountId = z.string({ required_error: t.chooseAccount }).min(1, t.chooseAccount).max(100);

  const addAccountForm = newAccountForm.extend({ intent: z.literal("add") });

  const changeRoleForm = z.object({
    intent: z.literal("change-role"),
    accountId,
    role,
  });

  /** An organiser corrects someone's name or email address. */
  const editAccountForm = z.object({
    intent: z.literal("edit"),
    accountId,
    name,
    email,
  });

  /** Disabling signs the account out everywhere; enabling lets it sign in again with its old password. */
  const setDisabledForm = z.object({
    intent: z.enum(["disable", "enable"]),
    accountId,
  });

  /** An organiser sets a new password for someone (who is signed out everywhere). */
  const resetPasswordForm = z.object({
    intent: z.literal("reset-password"),
    accountId,
    password: newPassword,
  });

  const accountsPageForms = {
    add: addAccountForm,
    "change-role": changeRoleForm,
    edit: editAccountForm,
    disable: setDisabledForm,
    enable: setDisabledForm,
    "reset-password": resetPasswordForm,
  } as const;

  /** A staff member's language for their pages: one of `available` (Beside's languages, and the pseudo-locale where allowed). */
  const languageForm = (available: readonly string[]) =>
    z.object({
      intent: z.literal("language"),
      language: z.string({ required_error: t.chooseLanguage }).refine((tag) => available.includes(tag), t.chooseLanguage),
    });

  /** The command line's `--email` (scripts/account.ts). */
  const accountEmailForm = z.object({ email });

  /** The command line's `rename`: the account's `--email`, and its `--new-email` or `--name` (or both). */
  const renameAccountForm = z.object({
    email,
    newEmail: email.optional(),
    name: name.optional(),
  });

  return {
    email,
    newPassword,
    signInForm,
    setupForm,
    newAccountForm,
    changePasswordForm,
    addAccountForm,
    changeRoleForm,
    editAccountForm,
    setDisabledForm,
    resetPasswordForm,
    accountsPageForms,
    accountEmailForm,
    renameAccountForm,
    languageForm,
  };
});

export type AccountsPageIntent = keyof ReturnType<typeof accountForms>["accountsPageForms"];

const ACCOUNTS_PAGE_INTENTS: Record<AccountsPageIntent, true> = {
  add: true,
  "change-role": true,
  edit: true,
  disable: true,
  enable: true,
  "reset-password": true,
};

/** Whether a form's `intent` names one of the accounts page's forms. */
export function isAccountsPageIntent(intent: unknown): intent is AccountsPageIntent {
  return isIntentOf(ACCOUNTS_PAGE_INTENTS, intent);
}

/**
 * Only a path on this site: never an address elsewhere (an open redirect).
 * Browsers drop tabs and newlines from a URL and read "\" as "/", so "/\t/evil.example"
 * would leave the site: any control character or backslash falls back to the library.
 */
export const redirectTo = z
  .string()
  .optional()
  .transform((path) => (path && isLocalPath(path) ? path : "/library"));

function isLocalPath(path: string): boolean {
  if (!/^\/(?![/\\])/.test(path) || /[\u0000-\u001f\u007f\\]/.test(path)) return false;
  try {
    return new URL(path, "http://beside.invalid").origin === "http://beside.invalid";
  } catch {
    return false;
  }
}
