import type { RunSummary } from "~/runs/run-report.server";
import { useStaffStrings } from "~/strings/staff";

/** A run's facts, at the top of its report: when, how long, who facilitated, which version, how many took part. */
export function ReportSummary({ summary }: { summary: RunSummary }) {
  const t = useStaffStrings().reports.summary;
  return (
    <dl className="report-summary">
      <div>
        <dt>{t.started}</dt>
        <dd>{summary.started}</dd>
      </div>
      <div>
        <dt>{t.duration}</dt>
        <dd>{summary.duration}</dd>
      </div>
      <div>
        <dt>{t.facilitator}</dt>
        <dd>{summary.facilitator}</dd>
      </div>
      <div>
        <dt>{t.version}</dt>
        <dd>{summary.version}</dd>
      </div>
      <div>
        <dt>{t.participants}</dt>
        <dd>{summary.participants}</dd>
      </div>
      <div>
        <dt>{t.k}</dt>
        <dd>{t.kAnswers(summary.k)}</dd>
      </div>
    </dl>
  );
}
