import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { staffLanguageOf, staffPage } from "~/auth/staff.server";
import { ReportPrompt } from "~/components/report-prompt";
import { ReportQuestions } from "~/components/report-questions";
import { ReportSummary } from "~/components/report-summary";
import { StaffHeader } from "~/components/staff-header";
import { requireReport } from "~/runs/run-report.server";
import { metaStaffStrings } from "~/strings/staff";
import { useStaffStrings } from "~/strings/staff";
import styles from "~/styles/reports.css";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? metaStaffStrings(matches).reports.report.title(data.report.planTitle) : metaStaffStrings(matches).reports.report.titleFallback },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const staff = await staffPage(request, context, "organiser");
  const report = await requireReport(context, params.runId, staffLanguageOf(request, context, staff.account));
  // A plan deleted from the library keeps its runs' history, but has no page to link to.
  const planInLibrary = context.beside.plans.plan(report.planKey) !== undefined;
  return json({ staff, report, planInLibrary });
}

/** A run's report: only once it has ended, and only what the room could have seen. */
export default function RunReportPage() {
  const { staff, report, planInLibrary } = useLoaderData<typeof loader>();
  const planLink = `/library/${encodeURIComponent(report.planKey)}`;
  const { allRuns, openPlan } = useStaffStrings().reports;
  const t = useStaffStrings().reports.report;
  return (
    <main className="page report">
      <StaffHeader {...staff} />
      <nav className="report__back" aria-label={t.planNav}>
        <Link to={`${planLink}/history`}>{allRuns}</Link>
        {planInLibrary ? (
          <>
            {" · "}
            <Link to={planLink}>{openPlan}</Link>
          </>
        ) : null}
      </nav>
      <h1>{t.heading(report.planTitle)}</h1>
      <ReportSummary summary={report.summary} />
      {report.live ? (
        <p className="notice">{t.live}</p>
      ) : (
        <>
          <div className="report__actions">
            <button type="button" className="button" onClick={() => window.print()}>
              {t.print}
            </button>
            <a className="button" href={`/runs/${report.summary.id}/export.csv`} download>
              {t.csv}
            </a>
          </div>
          {report.textPurged ? (
            <p className="notice">{t.purged}</p>
          ) : null}
          {report.prompts.length === 0 ? <p>{t.noQuestions}</p> : null}
          {report.prompts.map((entry) => (
            <ReportPrompt key={entry.prompt.id} entry={entry} textPurged={report.textPurged} planKey={report.planKey} />
          ))}
          <ReportQuestions questions={report.questions} textPurged={report.textPurged} k={report.summary.k} />
        </>
      )}
    </main>
  );
}
