import { Form, useNavigation } from "@remix-run/react";
import { useId } from "react";

import { useValidatedForm } from "~/forms/use-validated-form";
import type { FieldErrors } from "~/forms/validate";
import { kChoices } from "~/domain/rules";
import { useStaffStrings } from "~/strings/staff";

import { libraryForms } from "./forms";

/**
 * Starts a run of a plan's newest valid version with the chosen privacy
 * threshold. On a library card it posts to the library; on a plan's page
 * (`intent="start"`) to that page. The button names the plan for screen
 * readers, who may reach it out of its card's context.
 */
export function StartRunForm({
  planId,
  planTitle,
  defaultK,
  serverErrors,
  intent,
}: {
  planId: string;
  planTitle: string;
  defaultK: number;
  serverErrors?: FieldErrors;
  intent?: "start";
}) {
  const navigation = useNavigation();
  const errorId = useId();
  const { errors, onSubmit } = useValidatedForm(libraryForms(useStaffStrings()).startRunForm, serverErrors);
  const starting = navigation.state !== "idle" && navigation.formData?.get("planId") === planId;
  const error = errors.form ?? errors.k;
  const t = useStaffStrings().library.startRun;
  return (
    <>
      <Form method="post" action={intent ? undefined : "/library?index"} noValidate onSubmit={onSubmit} className="plan-card__start">
        <input type="hidden" name="planId" value={planId} />
        {intent ? <input type="hidden" name="intent" value={intent} /> : null}
        <label>
          {t.showAfter}
          <select name="k" defaultValue={defaultK} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined}>
            {kChoices(defaultK).map((k) => (
              <option key={k} value={k}>
                {t.answers(k)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button--primary" disabled={starting}>
          {starting ? (
            t.starting
          ) : (
            <>
              {t.start}
              <span className="visually-hidden"> {t.of(planTitle)}</span>
            </>
          )}
        </button>
      </Form>
      {error ? (
        <p className="error" role="alert" id={errorId}>
          {error}
        </p>
      ) : null}
    </>
  );
}
