import { MIN_PASSWORD_LENGTH } from "~/auth/forms";

import { Field } from "./field";

/** A new password (setup, your account, a first password), with the rule the server checks. */
export function NewPasswordField({ label, error, hint }: { label: string; error?: string; hint?: string }) {
  return (
    <Field
      label={label}
      name="password"
      type="password"
      autoComplete="new-password"
      required
      hint={hint ?? `At least ${MIN_PASSWORD_LENGTH} characters. A short sentence is easy to remember.`}
      error={error}
    />
  );
}

/** The email an account signs in with; password managers file it as the username. */
export function SignInEmailField({ defaultValue, error }: { defaultValue?: string; error?: string }) {
  return <Field label="Email" name="email" type="email" autoComplete="username" required defaultValue={defaultValue} error={error} />;
}
