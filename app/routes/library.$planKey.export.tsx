import type { LoaderFunctionArgs } from "@remix-run/node";

import { requireAccount } from "~/auth/session.server";
import { versionParam } from "~/library/library-view.server";
import { exportFileName } from "~/library/plan-library.server";
import { downloadResponse } from "~/utils/download.server";

/** Downloads one version of a plan (the newest by default) as the exact Markdown that was saved. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireAccount(request, context, "organiser");
  const { plans } = context.beside;
  const plan = plans.plan(params.planKey ?? "");
  const number = versionParam(request);
  const version = plan && number !== null ? plans.version(plan.key, number) : undefined;
  if (!plan || !version) throw new Response("That plan or version doesn't exist.", { status: 404 });
  return downloadResponse(version.source, { type: "text/markdown; charset=utf-8", filename: exportFileName(plan, version) });
}
