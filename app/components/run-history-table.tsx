import { Link } from "@remix-run/react";

import type { RunSummary } from "~/runs/run-report.server";
import { useStaffStrings } from "~/strings/staff";

/** A plan's runs as a table, newest first, each with a link to its report once it has ended. */
export function RunHistoryTable({ runs, caption }: { runs: RunSummary[]; caption: string }) {
  const t = useStaffStrings().reports.history;
  return (
    <table className="run-table history-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.columns.started}</th>
          <th scope="col">{t.columns.duration}</th>
          <th scope="col">{t.columns.facilitator}</th>
          <th scope="col">{t.columns.version}</th>
          <th scope="col">{t.columns.participants}</th>
          <th scope="col">{t.columns.report}</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id}>
            <th scope="row">{run.started}</th>
            <td>{run.duration}</td>
            <td>{run.facilitator}</td>
            <td>{run.version}</td>
            <td>{run.participants}</td>
            <td>{run.live ? t.whenItEnds : <Link to={`/runs/${run.id}`}>{t.report}</Link>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
