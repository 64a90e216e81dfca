import { useFetcher } from "@remix-run/react";

import { Field } from "~/components/field";
import { MAX_PLAN_BYTES } from "~/content/plan-schema";
import { useValidatedForm } from "~/forms/use-validated-form";
import type { FieldErrors } from "~/forms/validate";
import { useStaffStrings } from "~/strings/staff";

import { importFormValues, libraryForms } from "./forms";

/**
 * Uploads a plan's Markdown file to /library/import, which saves it as a new
 * own plan (a draft if it has errors) and opens its page. The file's name and
 * size are checked here first with the action's schema; its text only there.
 */
export function ImportPlanForm({ serverErrors }: { serverErrors?: FieldErrors }) {
  const fetcher = useFetcher<{ errors?: FieldErrors }>();
  const { errors, onSubmit } = useValidatedForm(libraryForms(useStaffStrings()).importPlanForm, fetcher.data?.errors ?? serverErrors, importFormValues);
  const t = useStaffStrings().library.import;
  return (
    <fetcher.Form method="post" action="/library/import" encType="multipart/form-data" noValidate onSubmit={onSubmit} className="import-form">
      <Field
        label={t.file}
        name="plan"
        type="file"
        accept=".md,text/markdown"
        hint={t.hint(MAX_PLAN_BYTES / 1000)}
        error={errors.plan ?? errors.form}
        announce
      />
      <button type="submit" className="button" disabled={fetcher.state !== "idle"}>
        {fetcher.state !== "idle" ? t.busy : t.submit}
      </button>
    </fetcher.Form>
  );
}
