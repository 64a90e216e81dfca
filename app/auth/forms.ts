import { z } from "zod";

import { isIntentOf } from "~/forms/validate";

import { ROLES } from "./roles";

/** The account forms' schemas, used by the browser before sending and by the actions. */

export const MIN_PASSWORD_LENGTH = 12;

export const email = z
  .string({ required_error: "Enter an email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter an email address.")
  .max(254, "That email address is too long.")
  .email("Enter an email address like name@example.org.");

const name = z.string().trim().min(1, "Enter a name.").max(80, "Keep the name to 80 characters.");

export const newPassword = z
  .string({ required_error: "Choose a password." })
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(200, "Keep the password to 200 characters.");

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
  password: z.string({ required_error: "Enter your password." }).min(1, "Enter your password.").max(200),
  redirectTo,
});

export const setupForm = z.object({
  token: z.string().min(1).max(200),
  name,
  email,
  password: newPassword,
});

const role = z.enum(ROLES, { errorMap: () => ({ message: "Choose organiser or facilitator." }) });

export const newAccountForm = z.object({
  name,
  email,
  role,
  password: newPassword,
});

export const changePasswordForm = z.object({
  current: z.string({ required_error: "Enter your current password." }).min(1, "Enter your current password.").max(200),
  password: newPassword,
});

/*
 * The accounts page's forms. Each posts an `intent` naming what it does;
 * the action picks the schema by intent (accountsPageForms).
 */

const accountId = z.string({ required_error: "Choose an account." }).min(1, "Choose an account.").max(100);

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
