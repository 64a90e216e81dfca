import type { LoaderFunctionArgs } from "@remix-run/node";

import { staffLanguageOf, staffPage, staffStringsOf } from "~/auth/staff.server";
import { reportCsv, requireReport } from "~/runs/run-report.server";
import { downloadResponse } from "~/utils/download.server";

/** An ended run's aggregates as CSV: one row per prompt and option, nothing per person. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { account } = await staffPage(request, context, "organiser");
  const report = await requireReport(context, params.runId, staffLanguageOf(request, context, account));
  if (report.live) throw new Response(staffStringsOf(request, context, account).reports.report.notYetExportable, { status: 409 });
  const { filename, body } = reportCsv(report);
  return downloadResponse(body, { type: "text/csv; charset=utf-8", filename });
}
