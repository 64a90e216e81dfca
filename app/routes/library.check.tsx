import { json, type ActionFunctionArgs } from "@remix-run/node";

import { requireAccount, staffStringsOf } from "~/auth/session.server";
import { validateForm } from "~/forms/validate";
import { libraryForms } from "~/library/forms";
import { planCheck } from "~/library/library-view.server";

/**
 * The editor's live preview: checks a plan text without saving it and
 * answers with its slides, or its problems with line numbers.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const strings = staffStringsOf(request, context, await requireAccount(request, context, "organiser"));
  const form = validateForm(libraryForms(strings).checkPlanForm, await request.formData());
  if (!form.ok) {
    const message = form.errors.source ?? strings.library.forms.sendText;
    return json({ ok: false as const, issues: [{ line: 1, message }] }, { status: 400 });
  }
  return json(planCheck(context.beside.plans.check(form.data.source, strings)));
}
