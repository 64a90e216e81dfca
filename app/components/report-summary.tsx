import type { RunSummary } from "~/runs/run-report.server";

/** A run's facts, at the top of its report: when, how long, who facilitated, which version, how many took part. */
export function ReportSummary({ summary }: { summary: RunSummary }) {
  return (
    <dl className="report-summary">
      <div>
        <dt>Started</dt>
        <dd>{summary.started}</dd>
      </div>
      <div>
        <dt>Duration</dt>
        <dd>{summary.duration}</dd>
      </div>
      <div>
        <dt>Facilitator</dt>
        <dd>{summary.facilitator}</dd>
      </div>
      <div>
        <dt>Plan version</dt>
        <dd>{summary.version}</dd>
      </div>
      <div>
        <dt>Participants</dt>
        <dd>{summary.participants}</dd>
      </div>
      <div>
        <dt>Results shown from</dt>
        <dd>{summary.k} answers</dd>
      </div>
    </dl>
  );
}
