import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef, type FormEvent, type ReactNode } from "react";
import type { z } from "zod";

import { FormError } from "~/components/field";
import { useValidatedForm } from "~/forms/use-validated-form";
import type { FieldErrors } from "~/forms/validate";

/** What the accounts page's action answers: which form it was, and its errors or what it did. */
export interface AccountFormReply {
  intent: string;
  accountId?: string;
  errors?: FieldErrors;
  /** What was typed (never a password), to put back into a refused form when the page reloads without JavaScript. */
  values?: Record<string, string>;
  done?: string;
}

/**
 * One of the accounts page's small forms: posts `intent` (and `accountId`),
 * checks `schema` in the browser first, shows the errors the action returned
 * for this very form, and empties itself once the action succeeded. With
 * `confirm`, a valid form is sent only once the person says yes to that question.
 */
export function AccountIntentForm({
  schema,
  intent,
  accountId,
  reply,
  className,
  confirm,
  children,
}: {
  schema: z.ZodTypeAny;
  intent: string;
  accountId?: string;
  reply: AccountFormReply | undefined;
  className?: string;
  confirm?: string;
  children: (state: { errors: FieldErrors; busy: boolean; values: Record<string, string> }) => ReactNode;
}) {
  const mine = reply && reply.intent === intent && reply.accountId === accountId ? reply : undefined;
  const { errors, onSubmit: validate } = useValidatedForm(schema, mine?.errors);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    validate(event);
    if (!event.defaultPrevented && confirm && !window.confirm(confirm)) event.preventDefault();
  }
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (mine?.done) form.current?.reset();
  }, [mine]);
  const navigation = useNavigation();
  const busy =
    navigation.state === "submitting" &&
    navigation.formData?.get("intent") === intent &&
    (navigation.formData?.get("accountId") ?? undefined) === accountId;
  return (
    <Form ref={form} method="post" noValidate onSubmit={onSubmit} className={className}>
      <input type="hidden" name="intent" value={intent} />
      {accountId ? <input type="hidden" name="accountId" value={accountId} /> : null}
      <FormError error={errors.form ?? errors.accountId ?? errors.intent} />
      {children({ errors, busy, values: mine?.values ?? {} })}
    </Form>
  );
}
