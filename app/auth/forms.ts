import { z } from "zod";

import { ROLES } from "./roles";

/** The account forms' schemas, used by the browser before sending and by the actions. */

export const MIN_PASSWORD_LENGTH = 12;

const email = z
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

/** Only a path on this site: never an address elsewhere (an open redirect). */
export const redirectTo = z
  .string()
  .optional()
  .transform((path) => (path && /^\/(?![/\\])/.test(path) ? path : "/library"));

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

export const newAccountForm = z.object({
  name,
  email,
  role: z.enum(ROLES, { errorMap: () => ({ message: "Choose organiser or facilitator." }) }),
  password: newPassword,
});

export const changePasswordForm = z.object({
  current: z.string().min(1, "Enter your current password.").max(200),
  password: newPassword,
});
