import type { z } from "zod";

/** A message per field name; "form" for one about the whole form. */
export type FieldErrors = Partial<Record<string, string>>;

export type Validated<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/**
 * Checks a submitted form against its schema. The same schema runs in the
 * browser before sending (useValidatedForm) and in the action, which is the
 * one that counts. Only each field's first problem is reported.
 */
export function validateForm<S extends z.ZodTypeAny>(schema: S, form: FormData | Record<string, unknown>): Validated<z.output<S>> {
  const values = form instanceof FormData ? formValues(form) : form;
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : "form";
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** A FormData's text fields as an object; files are left out. */
function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === "string" && !(name in values)) values[name] = value;
  }
  return values;
}

/** Whether a form's `intent` names one of a page's forms (its schemas by intent). */
export function isIntentOf<Forms extends object>(forms: Forms, intent: unknown): intent is keyof Forms & string {
  return typeof intent === "string" && Object.hasOwn(forms, intent);
}
