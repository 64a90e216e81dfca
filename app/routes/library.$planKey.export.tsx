import type { LoaderFunctionArgs } from "@remix-run/node";

import { requireAccount } from "~/auth/session.server";
import { requirePlan, requireVersion } from "~/library/library-view.server";
import { exportFileName } from "~/library/plan-library.server";

/** Downloads one version of a plan (the newest by default) as the exact Markdown that was saved. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireAccount(request, context, "organiser");
  const plan = requirePlan(context, params.planKey);
  const version = requireVersion(context, plan, request);
  return new Response(version.source, {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName(plan, version)}"`,
      "Cache-Control": "no-store",
    },
  });
}
