import type { LoaderFunctionArgs } from "@remix-run/node";

import { staffPage } from "~/auth/staff.server";
import { reportCsv, requireReport } from "~/runs/run-report.server";
import { staffEn } from "~/strings/en/staff-pages";
import { downloadResponse } from "~/utils/download.server";

/** An ended run's aggregates as CSV: one row per prompt and option, nothing per person. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  staffPage(request, context, "organiser");
  const report = requireReport(context, params.runId);
  if (report.live) throw new Response(staffEn.reports.report.notYetExportable, { status: 409 });
  const { filename, body } = reportCsv(report);
  return downloadResponse(body, { type: "text/csv; charset=utf-8", filename });
}
