import type { LoaderFunctionArgs } from "@remix-run/node";

import { staffPage } from "~/auth/staff.server";
import { reportCsv } from "~/runs/run-report.server";

/** An ended run's aggregates as CSV: one row per prompt and option, nothing per person. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  staffPage(request, context, "organiser");
  const report = context.beside.reports.report(params.runId ?? "");
  if (!report) throw new Response("There is no such run.", { status: 404 });
  if (report.live) throw new Response("This run is still going: its results can be exported once it ends.", { status: 409 });
  const { filename, body } = reportCsv(report);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
