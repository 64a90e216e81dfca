import {
  json,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";

import { requireAccount, staffStringsOf } from "~/auth/session.server";
import { staffPage } from "~/auth/staff.server";
import { StaffHeader } from "~/components/staff-header";
import { validateForm, type FieldErrors } from "~/forms/validate";
import { MAX_PLAN_BYTES } from "~/content/plan-schema";
import { importFormValues, libraryForms, planFileTooBig } from "~/library/forms";
import { ImportPlanForm } from "~/library/import-plan-form";
import { metaStaffStrings, useStaffStrings } from "~/strings/staff";
import styles from "~/styles/library.css";

export const meta: MetaFunction = ({ matches }) => [{ title: metaStaffStrings(matches).library.import.title }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/** The import form on a page of its own: where a failed import lands when the browser runs no script. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return json({ staff: await staffPage(request, context, "organiser") });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const account = await requireAccount(request, context, "organiser");
  const refuse = (errors: FieldErrors) => json({ errors }, { status: 400 });
  const strings = staffStringsOf(request, context, account);
  const t = strings.library.import;
  let form: FormData;
  try {
    // Parts are read into memory only up to the plan size limit: a bigger upload stops there.
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_PLAN_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return refuse({ plan: planFileTooBig(strings) });
    }
    return refuse({ plan: t.chooseFile });
  }
  const checked = validateForm(libraryForms(strings).importPlanForm, importFormValues(form));
  if (!checked.ok) return refuse(checked.errors);
  const file = form.get("plan") as File;
  let source: string;
  try {
    source = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return refuse({ plan: t.notUtf8 });
  }
  const created = await context.beside.plans.create(source, { createdBy: account.id }, strings);
  if (!created.ok) return refuse({ plan: created.error.message });
  return redirect(`/library/${created.data.key}`);
}

export default function ImportPlan() {
  const { staff } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useStaffStrings().library.import;
  return (
    <main className="page page--narrow">
      <StaffHeader {...staff} />
      <p>
        <Link to="/library">{t.back}</Link>
      </p>
      <h1>{t.heading}</h1>
      <ImportPlanForm serverErrors={actionData?.errors} />
    </main>
  );
}
