import { useFetcher } from "@remix-run/react";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";

import type { FieldErrors } from "~/forms/validate";
import { validateForm } from "~/forms/validate";

import { importFormValues, importPlanForm, MAX_PLAN_BYTES } from "./forms";

/**
 * Uploads a plan's Markdown file to /library/import, which saves it as a new
 * own plan (a draft if it has errors) and opens its page. The file's name and
 * size are checked here first with the action's schema; its text only there.
 */
export function ImportPlanForm({ serverErrors }: { serverErrors?: FieldErrors }) {
  const fetcher = useFetcher<{ errors?: FieldErrors }>();
  const [errors, setErrors] = useState<FieldErrors>(serverErrors ?? {});
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => setErrors(fetcher.data?.errors ?? serverErrors ?? {}), [fetcher.data, serverErrors]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const checked = validateForm(importPlanForm, importFormValues(new FormData(event.currentTarget)));
    if (checked.ok) return setErrors({});
    event.preventDefault();
    setErrors(checked.errors);
    input.current?.focus();
  }

  const error = errors.plan ?? errors.form;
  return (
    <fetcher.Form method="post" action="/library/import" encType="multipart/form-data" noValidate onSubmit={onSubmit} className="import-form">
      <div className={`field${error ? " field--invalid" : ""}`}>
        <label htmlFor={`${id}-file`}>Plan file (.md)</label>
        <p className="field__hint" id={`${id}-hint`}>
          A Markdown plan in the format of content/README.md, at most {MAX_PLAN_BYTES / 1000} KB. A file with errors is kept as a draft.
        </p>
        <input
          ref={input}
          id={`${id}-file`}
          name="plan"
          type="file"
          accept=".md,text/markdown"
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        />
        {error ? (
          <p className="field__error" id={`${id}-error`} role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button" disabled={fetcher.state !== "idle"}>
        {fetcher.state !== "idle" ? "Importing…" : "Import a plan"}
      </button>
    </fetcher.Form>
  );
}
