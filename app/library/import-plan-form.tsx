import { useFetcher } from "@remix-run/react";

import { Field } from "~/components/field";
import { MAX_PLAN_BYTES } from "~/content/plan-schema";
import { useValidatedForm } from "~/forms/use-validated-form";
import type { FieldErrors } from "~/forms/validate";

import { importFormValues, importPlanForm } from "./forms";

/**
 * Uploads a plan's Markdown file to /library/import, which saves it as a new
 * own plan (a draft if it has errors) and opens its page. The file's name and
 * size are checked here first with the action's schema; its text only there.
 */
export function ImportPlanForm({ serverErrors }: { serverErrors?: FieldErrors }) {
  const fetcher = useFetcher<{ errors?: FieldErrors }>();
  const { errors, onSubmit } = useValidatedForm(importPlanForm, fetcher.data?.errors ?? serverErrors, importFormValues);
  return (
    <fetcher.Form method="post" action="/library/import" encType="multipart/form-data" noValidate onSubmit={onSubmit} className="import-form">
      <Field
        label="Plan file (.md)"
        name="plan"
        type="file"
        accept=".md,text/markdown"
        hint={`A Markdown plan in the format of content/README.md, at most ${MAX_PLAN_BYTES / 1000} KB. A file with errors is kept as a draft.`}
        error={errors.plan ?? errors.form}
        announce
      />
      <button type="submit" className="button" disabled={fetcher.state !== "idle"}>
        {fetcher.state !== "idle" ? "Importing…" : "Import a plan"}
      </button>
    </fetcher.Form>
  );
}
