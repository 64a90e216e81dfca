import { useEffect, useState, type FormEvent } from "react";
import type { z } from "zod";

import { validateForm, type FieldErrors } from "./validate";

/**
 * Runs a form's schema in the browser on submit: an invalid form isn't sent,
 * its errors show at once and focus moves to the first bad field. Errors the
 * server returned (`serverErrors`) show until the next submit. `valuesOf`
 * turns the form into what the schema reads, for a form with a file in it
 * (validateForm reads text fields only).
 */
export function useValidatedForm(
  schema: z.ZodTypeAny,
  serverErrors: FieldErrors | undefined,
  valuesOf?: (form: FormData) => Record<string, unknown>,
) {
  const [errors, setErrors] = useState<FieldErrors>(serverErrors ?? {});
  useEffect(() => setErrors(serverErrors ?? {}), [serverErrors]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    const data = new FormData(form);
    const result = validateForm(schema, valuesOf ? valuesOf(data) : data);
    if (result.ok) {
      setErrors({});
      return;
    }
    event.preventDefault();
    setErrors(result.errors);
    const first = Object.keys(result.errors).find((name) => form.elements.namedItem(name) instanceof HTMLElement);
    if (first) (form.elements.namedItem(first) as HTMLElement).focus();
  }

  return { errors, onSubmit };
}
