import type { LoaderFunctionArgs } from "@remix-run/node";

import { requireAccount, staffStringsOf } from "~/auth/session.server";
import { requirePlan, requireVersion } from "~/library/library-view.server";
import { exportFileName } from "~/library/plan-library.server";
import { downloadResponse } from "~/utils/download.server";

/** Downloads one version of a plan (the newest by default) as the exact Markdown that was saved. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const strings = staffStringsOf(request, context, await requireAccount(request, context, "organiser"));
  const plan = requirePlan(context, params.planKey, strings);
  const version = requireVersion(plan, request, strings);
  return downloadResponse(version.source, { type: "text/markdown; charset=utf-8", filename: exportFileName(plan, version) });
}
