import { z } from "zod";

import { isIntentOf } from "~/forms/validate";
import { staffEn } from "~/strings/en/staff-pages";

import { ROLES } from "./roles";

/** The account forms' schemas, used by the browser before sending and by the actions. */

export const MIN_PASSWORD_LENGTH = 12;

const t = staffEn.staff.forms;

export const email = z
  .string({ required_error: t.enterEmail })
  .trim()
  .toLowerCase()
  .min(1, t.enterEmail)
  .max(254, t.emailTooLong)
  .email(t.emailLike);

const name = z.string().trim().min(1, t.enterName).max(80, t.nameTooLong(80));

export const newPassword = z
  .string({ required_error: t.choosePassword })
  .min(MIN_PASSWORD_LENGTH, t.passwordTooShort(MIN_PASSWORD_LENGTH))
  .max(200, t.passwordTooLong(200));

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

export const signInForm = z.object({
  email,
  password: z.string({ required_error: t.enterPassword }).min(1, t.enterPassword).max(200),
  redirectTo,
});

export const setupForm = z.object({
  token: z.string().min(1).max(200),
  name,
  email,
  password: newPassword,
});

const role = z.enum(ROLES, { errorMap: () => ({ message: t.chooseRole }) });

export const newAccountForm = z.object({
  name,
  email,
  role,
  password: newPassword,
});

export const changePasswordForm = z.object({
  current: z.string({ required_error: t.enterCurrentPassword }).min(1, t.enterCurrentPassword).max(200),
  password: newPassword,
});

/*
 * The accounts page's forms. Each posts an `intent` naming what it does;
 * the action picks the schema by intent (accountsPageForms).
 */

const accountId = z.string({ required_error: t.chooseAccount }).min(1, t.chooseAccount).max(100);

export const addAccountForm = newAccountForm.extend({ intent: z.literal("add") });

export const changeRoleForm = z.object({ intent: z.literal("change-role"), accountId, role });

/** An organiser corrects someone's name or email address. */
export const editAccountForm = z.object({ intent: z.literal("edit"), accountId, name, email });

/** Disabling signs the account out everywhere; enabling lets it sign in again with its old password. */
export const setDisabledForm = z.object({ intent: z.enum(["disable", "enable"]), accountId });

/** An organiser sets a new password for someone (who is signed out everywhere). */
export const resetPasswordForm = z.object({ intent: z.literal("reset-password"), accountId, password: newPassword });

export const accountsPageForms = {
  add: addAccountForm,
  "change-role": changeRoleForm,
  edit: editAccountForm,
  disable: setDisabledForm,
  enable: setDisabledForm,
  "reset-password": resetPasswordForm,
} as const;

export type AccountsPageIntent = keyof typeof accountsPageForms;

export function isAccountsPageIntent(intent: unknown): intent is AccountsPageIntent {
  return isIntentOf(accountsPageForms, intent);
}

/** The command line's `--email` (scripts/account.ts). */
export const accountEmailForm = z.object({ email });

/** The command line's `rename`: the account's `--email`, and its `--new-email` or `--name` (or both). */
export const renameAccountForm = z.object({ email, newEmail: email.optional(), name: name.optional() });
