import { MIN_PASSWORD_LENGTH } from "~/auth/forms";
import { useStaffStrings } from "~/strings/staff";

import { Field } from "./field";

/** A new password (setup, your account, a first password), with the rule the server checks. */
export function NewPasswordField({ label, error, hint }: { label: string; error?: string; hint?: string }) {
  const t = useStaffStrings().staff.fields;
  return (
    <Field
      label={label}
      name="password"
      type="password"
      autoComplete="new-password"
      required
      hint={hint ?? t.newPasswordHint(MIN_PASSWORD_LENGTH)}
      error={error}
    />
  );
}

/** The email an account signs in with; password managers file it as the username. */
export function SignInEmailField({ defaultValue, error }: { defaultValue?: string; error?: string }) {
  const t = useStaffStrings().staff.fields;
  return (
    <Field label={t.email} name="email" type="email" autoComplete="username" required defaultValue={defaultValue} error={error} />
  );
}
